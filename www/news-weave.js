// <news-weave>: the merged account as one element for any page.
//
//   <script type="module" src="https://your.host/newsweave/www/news-weave.js"></script>
//   <news-weave></news-weave>
//   element.sources = [{label, text, outlet?, published?}, ...]
//
// Renders inside a shadow root (host styles do not leak in or out), and fires
// `weave-result` (detail: the Digest) or `weave-error` (detail: {code, message}).

import init, { weave } from '../pkg/newsweave.js';
import { el, renderLegend, renderStatements } from './render.js';

const ready = init();
const STYLE_URL = new URL('./style.css', import.meta.url);

export class NewsWeave extends HTMLElement {
  #sources = [];
  #root;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = STYLE_URL.href;
    const list = el('ol', 'statements');
    const message = el('p', 'message');
    message.setAttribute('role', 'alert');
    message.hidden = true;
    const legend = el('div', 'legend');
    renderLegend(legend);
    this.#root.append(style, message, list, legend);
  }

  /** The articles to merge: an array of `{label, text, outlet?, published?}`. */
  get sources() {
    return this.#sources;
  }

  set sources(value) {
    this.#sources = Array.isArray(value) ? value : [];
    this.#update();
  }

  async #update() {
    await ready;
    const message = this.#root.querySelector('.message');
    try {
      const digest = weave(this.#sources);
      renderStatements(this.#root.querySelector('.statements'), digest);
      message.hidden = true;
      this.dispatchEvent(new CustomEvent('weave-result', { detail: digest }));
    } catch (error) {
      this.#root.querySelector('.statements').replaceChildren();
      message.textContent = error.message || String(error);
      message.hidden = false;
      this.dispatchEvent(new CustomEvent('weave-error', { detail: { code: error.code, message: error.message } }));
    }
  }
}

if (!customElements.get('news-weave')) customElements.define('news-weave', NewsWeave);

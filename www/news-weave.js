// <news-weave>: the merged account as one element for any page.
//
//   <script type="module" src="https://your.host/newsweave/www/news-weave.js"></script>
//   <news-weave editable></news-weave>
//
// Attributes (all optional):
//   editable          show the source panes (paste, type, drop files), not only the result
//   summary-length    statements in each story's account: a number (default 10) or "all"
//   theme             "light", "dark", or "auto" (default: follows prefers-color-scheme)
//   persist="KEY"     keep the sources in localStorage under KEY, so they survive a reload
//   demo              start with the built-in demo articles when nothing is kept
// Property: `sources`, an array of {label, text, outlet?, published?}.
// Events: `weave-result` (detail: the Digest), `weave-error` (detail: {code, message}).
//
// Everything renders inside a shadow root, so host styles do not leak in or out. Analysis
// runs in a Web Worker (client.js). Pasted text only ever reaches the DOM as text.
//
// This module is the element itself: its attributes, properties and events, and the
// wiring of its parts: the source panes (source-editor.js), the sources as data and their
// storage (sources.js), the analysis client (client.js), the account and its panels
// (account-view.js, drawn by render.js), the badge tooltip (badge-tooltip.js) and the
// exports (export.js).

import { AccountView } from './account-view.js';
import { badgeTooltip } from './badge-tooltip.js';
import { WeaveClient, bytesOf } from './client.js';
import { loadDemo } from './demo.js';
import { copyMarkdown, downloadDigest } from './export.js';
import { el, setViewLimits } from './render.js';
import { SourceEditor } from './source-editor.js';
import { emptySourceNumbers, keepSources, restoreSources, toSource, weaveRequest } from './sources.js';

const STYLE_URL = new URL('./style.css', import.meta.url);
const DEBOUNCE_MS = 200;
const DEFAULT_LENGTH = 10;

export class NewsWeave extends HTMLElement {
  static observedAttributes = ['summary-length', 'editable'];

  #sources = [];
  #digest = null;
  #client = null;
  #timer = 0;
  #root;
  #editor;
  #view;
  #firstRender = true;
  /** Set on first connection: the kept sources or the demo are loaded once. */
  #started = false;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#build();
  }

  connectedCallback() {
    this.#client ??= new WeaveClient();
    if (this.#sources.length || this.#started) return;
    this.#started = true;
    const kept = restoreSources(this.getAttribute('persist'));
    if (kept) {
      this.#setSources(kept, false);
    } else if (this.hasAttribute('demo')) {
      loadDemo().then((demo) => { if (!this.#sources.length) this.#setSources(demo, true); }, (error) => {
        this.#view.showMessage(`The demo articles could not be loaded: ${error.message || error}`);
      });
    } else {
      this.#editor.renderPanes();
    }
  }

  attributeChangedCallback(name) {
    if (name === 'editable') this.#editor.section.hidden = !this.hasAttribute('editable');
    if (name === 'summary-length') {
      this.#view.showLength(this.summaryLength);
      this.#render();
    }
  }

  /** The articles to merge: an array of `{label, text, outlet?, published?}`. */
  get sources() {
    return this.#sources.map((s) => ({ ...s }));
  }

  set sources(value) {
    this.#setSources(Array.isArray(value) ? value : [], true);
  }

  /** Statements shown in the account (`Infinity` for all). */
  get summaryLength() {
    const value = this.getAttribute('summary-length');
    if (value === 'all') return Infinity;
    const n = Number.parseInt(value, 10);
    return Number.isFinite(n) && n > 0 ? n : DEFAULT_LENGTH;
  }

  set summaryLength(value) {
    this.setAttribute('summary-length', value === Infinity ? 'all' : String(value));
  }

  /** The latest Digest, or null. */
  get digest() {
    return this.#digest;
  }

  #build() {
    const style = el('link');
    style.rel = 'stylesheet';
    style.href = STYLE_URL.href;
    const frame = el('div', 'nw');
    this.#editor = new SourceEditor({
      sources: () => this.#sources,
      onEdit: () => this.#changed(),
      onReplace: (list) => this.#setSources(list, true),
      onNote: (text) => this.#view.showNote(text),
      digest: () => this.#digest,
      canDrop: () => this.hasAttribute('editable'),
    });
    this.#editor.section.hidden = !this.hasAttribute('editable');
    this.#view = new AccountView({
      length: this.summaryLength,
      onLength: (limit) => { this.summaryLength = limit; },
      onCopyMarkdown: () => this.#copyMarkdown(),
      onDownloadJson: () => this.#digest && downloadDigest(this.#digest),
    });
    frame.append(this.#editor.section, this.#view.section);
    this.#root.append(style, frame, badgeTooltip(this.#root, this.#view.statements));
    this.#editor.acceptDrops(frame);
  }

  #setSources(list, save) {
    this.#sources = list.map(toSource);
    this.#editor.renderPanes();
    if (save) this.#save();
    this.#analyse();
  }

  #save() {
    const key = this.getAttribute('persist');
    if (key) this.#view.showKept(keepSources(key, this.#sources));
  }

  /** After an edit: kept at once, analysed once the reader pauses. */
  #changed() {
    this.#save();
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#analyse(), DEBOUNCE_MS);
  }

  async #analyse() {
    clearTimeout(this.#timer);
    this.#client ??= new WeaveClient();
    const request = weaveRequest(this.#sources);
    this.#view.showAnalysing(bytesOf(request));
    let answer;
    try {
      answer = await this.#client.weave(request);
    } catch (error) {
      if (this.#client.busy) return; // a newer request is on its way
      this.#view.hideProgress();
      this.#digest = null;
      this.#render();
      this.#view.showError(error);
      this.dispatchEvent(new CustomEvent('weave-error', { detail: { code: error.code, message: error.message } }));
      return;
    }
    if (!answer) return; // superseded by a newer input
    if (!this.#client.busy) this.#view.hideProgress();
    const d = answer.digest;
    setViewLimits(answer.limits);
    this.#digest = d;
    this.#view.showMessage('');
    if (this.#firstRender) {
      // The account first, so that it is painted; the other panels in the next task.
      this.#firstRender = false;
      this.#view.renderAccount(d, this.summaryLength);
      performance.mark('newsweave:first-render');
      await new Promise((resolve) => { setTimeout(resolve, 0); });
      if (this.#digest !== d) return; // a newer answer has been drawn meanwhile
      this.#view.renderPanels(d, this.summaryLength);
    } else {
      this.#render();
    }
    this.#editor.updatePlaceholders();
    this.#view.showResult(d, answer.ms, emptySourceNumbers(this.#sources));
    this.dispatchEvent(new CustomEvent('weave-result', { detail: d }));
  }

  #render() {
    this.#view.render(this.#digest, this.summaryLength);
  }

  async #copyMarkdown() {
    if (!this.#digest) return;
    const top = this.summaryLength === Infinity ? undefined : this.summaryLength;
    this.#view.showNote(await copyMarkdown(this.#client, top));
  }
}

if (!customElements.get('news-weave')) customElements.define('news-weave', NewsWeave);

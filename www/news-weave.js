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

import { WeaveClient, bytesOf } from './client.js';
import { loadDemo } from './demo.js';
import { download } from './export.js';
import { htmlToText } from './html-to-text.js';
import {
  el, renderCoverage, renderDisagreementList, renderEntityIndex, renderLegend, renderQuotes, renderSingleSource,
  renderStatements, renderTimeline,
} from './render.js';

const STYLE_URL = new URL('./style.css', import.meta.url);
const DEBOUNCE_MS = 200;
const DEFAULT_LENGTH = 10;
/** Inputs above this size show a progress indicator while they are analysed. */
const PROGRESS_BYTES = 200_000;
/** A source longer than this is shown as a read-only preview until the reader asks to
 *  edit it: laying out megabytes in a <textarea> blocks the main thread for seconds. */
const LARGE_TEXT = 1_000_000;
const PREVIEW_CHARS = 20_000;

const FRIENDLY = {
  no_sources: 'Add at least one source to see a merged account.',
  all_empty: 'Every source is empty. Paste the text of an article into a source.',
  too_many_sources: 'There are too many sources for one analysis. Remove some and try again. Nothing you typed was removed.',
  input_too_large: 'The sources are too long for one analysis. Remove some text and try again. Nothing you typed was removed.',
  invalid_date: 'A publication date is not valid. Use the date picker or the form YYYY-MM-DD.',
};

export class NewsWeave extends HTMLElement {
  static observedAttributes = ['summary-length', 'editable'];

  #sources = [];
  #digest = null;
  #digestRequest = null; // the sources #digest was made from, for the Markdown export
  #client = null;
  #timer = 0;
  #root;
  #parts = {};
  #firstRender = true;
  /** Set on first connection: the kept sources or the demo are loaded once. */
  #started = false;
  /** Large sources the reader chose to edit in full (see LARGE_TEXT). */
  #editingFull = new WeakSet();

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#build();
  }

  connectedCallback() {
    this.#client ??= new WeaveClient();
    if (this.#sources.length || this.#started) return;
    this.#started = true;
    const kept = this.#restore();
    if (kept) {
      this.#setSources(kept, false);
    } else if (this.hasAttribute('demo')) {
      loadDemo().then((demo) => { if (!this.#sources.length) this.#setSources(demo, true); }, (error) => {
        this.#showMessage(`The demo articles could not be loaded: ${error.message || error}`);
      });
    } else {
      this.#renderPanes();
    }
  }

  attributeChangedCallback(name) {
    if (name === 'editable') this.#parts.inputs.hidden = !this.hasAttribute('editable');
    if (name === 'summary-length') {
      this.#parts.length.value = String(this.summaryLength === Infinity ? 'all' : this.summaryLength);
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

  #setSources(list, save) {
    this.#sources = list.map((s) => ({
      label: String(s.label ?? ''),
      text: String(s.text ?? ''),
      outlet: s.outlet ? String(s.outlet) : '',
      published: s.published ? String(s.published) : '',
    }));
    this.#renderPanes();
    if (save) this.#save();
    this.#analyse();
  }

  // ---- layout ------------------------------------------------------------------

  #build() {
    const style = el('link');
    style.rel = 'stylesheet';
    style.href = STYLE_URL.href;
    const frame = el('div', 'nw');
    const p = this.#parts;

    p.inputs = el('section', 'inputs');
    p.inputs.setAttribute('aria-label', 'Sources');
    p.inputs.hidden = !this.hasAttribute('editable');
    const inputsHead = el('div', 'section-head');
    const addButton = this.#button('Add source', () => this.#addSource(), 'add-source');
    const demoButton = this.#button('Load demo', async () => this.#setSources(await loadDemo(), true), 'load-demo');
    const clearButton = this.#button('Clear all', () => this.#clearAll(), 'clear-all');
    const actions = el('div', 'actions');
    actions.append(addButton, demoButton, clearButton);
    inputsHead.append(el('h2', '', 'Sources'), actions);
    p.panes = el('div', 'panes');
    p.dropHint = el('p', 'hint', 'Paste text or a web page into a source, or drop .txt and .html files here.');
    p.inputs.append(inputsHead, p.dropHint, p.panes);

    const output = el('section', 'output');
    output.setAttribute('aria-label', 'Merged account');
    const outputHead = el('div', 'section-head');
    p.status = el('p', 'status', 'Loading…');
    p.status.setAttribute('aria-live', 'polite');
    outputHead.append(el('h2', '', 'Merged account'), p.status);
    p.progress = el('progress', 'progress');
    p.progress.hidden = true;
    p.progress.setAttribute('aria-label', 'Analysing');

    const tools = el('div', 'toolbar');
    const lengthLabel = el('label', 'field', 'Show ');
    p.length = el('select');
    for (const [value, text] of [['5', 'top 5'], ['10', 'top 10'], ['20', 'top 20'], ['all', 'all statements']]) {
      const option = el('option', '', text);
      option.value = value;
      p.length.append(option);
    }
    p.length.value = String(this.summaryLength === Infinity ? 'all' : this.summaryLength);
    if (![...p.length.options].some((o) => o.value === p.length.value)) {
      const option = el('option', '', `top ${p.length.value}`);
      option.value = p.length.value;
      p.length.append(option);
      p.length.value = option.value;
    }
    p.length.addEventListener('change', () => { this.summaryLength = p.length.value === 'all' ? Infinity : Number(p.length.value); });
    lengthLabel.append(p.length);
    p.copy = this.#button('Copy Markdown', () => this.#copyMarkdown(), 'copy-markdown');
    p.json = this.#button('Download JSON', () => this.#digest && download('newsweave-digest.json', JSON.stringify(this.#digest, null, 2), 'application/json'), 'download-json');
    p.print = this.#button('Print', () => window.print(), 'print');
    tools.append(lengthLabel, p.copy, p.json, p.print);

    p.message = el('p', 'message');
    p.message.setAttribute('role', 'alert');
    p.message.hidden = true;
    p.note = el('p', 'note');
    p.note.setAttribute('aria-live', 'polite');
    p.note.hidden = true;
    p.statements = el('ol', 'statements');

    // Each part is a disclosure, so a long account stays easy to scan.
    const panel = (cls, title, open = true) => {
      const section = el('details', `panel ${cls}`);
      section.open = open;
      const summary = el('summary');
      const heading = el('h3', '', title);
      const count = el('span', 'panel-count');
      heading.append(count);
      summary.append(heading);
      const body = el('div', 'panel-body');
      section.append(summary, body);
      section.hidden = true;
      return { section, body, count };
    };
    p.quotes = panel('quotes', 'Quotes');
    p.single = panel('single-source', 'Only in one source', false);
    p.differ = panel('disagreements', 'Sources differ', false);
    p.coverage = panel('coverage-grid', 'Coverage');
    p.coverage.body.tabIndex = 0;
    p.coverage.body.setAttribute('role', 'region');
    p.coverage.body.setAttribute('aria-label', 'Coverage table, scrollable');
    p.entities = panel('entity-index', 'Entity index');
    p.timeline = panel('timeline', 'Timeline');
    p.legend = el('div', 'legend');
    renderLegend(p.legend);

    output.append(outputHead, p.progress, tools, p.message, p.note, p.statements, p.quotes.section, p.single.section,
      p.differ.section, p.coverage.section, p.entities.section, p.timeline.section, p.legend);
    p.tooltip = el('div', 'tooltip');
    p.tooltip.setAttribute('role', 'tooltip');
    p.tooltip.id = 'tooltip';
    p.tooltip.hidden = true;
    frame.append(p.inputs, output);
    this.#root.append(style, frame, p.tooltip);

    this.#setUpTooltip();
    this.#setUpDrop(frame);
    p.entities.body.addEventListener('click', (event) => {
      const button = event.target.closest('.index-name');
      if (button) this.#toggleEntity(button);
    });
  }

  #button(text, onClick, cls) {
    const button = el('button', cls, text);
    button.type = 'button';
    button.addEventListener('click', onClick);
    return button;
  }

  // ---- source panes ------------------------------------------------------------

  #renderPanes() {
    const panes = this.#sources.map((source, i) => {
      const pane = el('section', 'source');
      pane.setAttribute('aria-label', `Source ${i + 1}`);
      const head = el('div', 'source-head');
      const number = el('span', `badge badge-${i % 8}`, String(i + 1));
      number.setAttribute('aria-hidden', 'true');
      const label = this.#field('Label', 'text', source.label, (v) => { source.label = v; }, `Label of source ${i + 1}`);
      const date = this.#field('Published', 'date', source.published, (v) => { source.published = v; }, `Publication date of source ${i + 1}`);
      const remove = this.#button('Remove', () => {
        this.#sources.splice(i, 1);
        this.#renderPanes();
        this.#changed();
      }, 'remove');
      remove.setAttribute('aria-label', `Remove source ${i + 1}`);
      head.append(number, label, date, remove);
      const text = el('textarea');
      text.rows = 8;
      text.placeholder = 'Paste an article or a whole copied web page here.';
      text.setAttribute('aria-label', `Text of source ${i + 1}`);
      pane.append(head, text);
      if (source.text.length > LARGE_TEXT && !this.#editingFull.has(source)) {
        text.value = `${source.text.slice(0, PREVIEW_CHARS)}\n…`;
        text.readOnly = true;
        const note = el('p', 'hint', `Showing the first ${PREVIEW_CHARS.toLocaleString('en')} of ${source.text.length.toLocaleString('en')} characters; all of it is kept and analysed. `);
        note.append(this.#button('Edit full text', () => {
          this.#editingFull.add(source);
          this.#renderPanes();
        }, 'edit-full'));
        pane.append(note);
      } else {
        text.value = source.text;
        text.addEventListener('input', () => { source.text = text.value; this.#changed(); });
        text.addEventListener('paste', (event) => this.#paste(event, text, source));
      }
      return pane;
    });
    this.#parts.panes.replaceChildren(...panes);
    this.#updatePlaceholders();
  }

  #field(name, type, value, onChange, ariaLabel) {
    const label = el('label', `field field-${type}`);
    const input = el('input');
    input.type = type;
    input.value = value || '';
    input.setAttribute('aria-label', ariaLabel);
    input.addEventListener('input', () => { onChange(input.value); this.#changed(); });
    label.append(`${name} `, input);
    return label;
  }

  #addSource(text = '', label = '') {
    this.#sources.push({ label, text, outlet: '', published: '' });
    this.#renderPanes();
    this.#changed();
    const areas = this.#parts.panes.querySelectorAll('textarea');
    if (!text) areas[areas.length - 1]?.focus();
  }

  /** Pasted HTML becomes clean text; plain text is inserted as it is. */
  #paste(event, textarea, source) {
    const data = event.clipboardData;
    if (!data) return;
    const html = data.getData('text/html');
    const text = html ? htmlToText(html) : data.getData('text/plain');
    event.preventDefault();
    const { selectionStart: from, selectionEnd: to, value } = textarea;
    if (value.length - (to - from) + text.length > LARGE_TEXT) {
      source.text = value.slice(0, from) + text + value.slice(to);
      this.#renderPanes(); // as a preview
      this.#changed();
      return;
    }
    textarea.setRangeText(text, from, to, 'end');
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  }

  #setUpDrop(frame) {
    frame.addEventListener('dragover', (event) => {
      if (!this.hasAttribute('editable')) return;
      event.preventDefault();
      frame.classList.add('dragging');
    });
    frame.addEventListener('dragleave', () => frame.classList.remove('dragging'));
    frame.addEventListener('drop', async (event) => {
      if (!this.hasAttribute('editable')) return;
      event.preventDefault();
      frame.classList.remove('dragging');
      const files = [...(event.dataTransfer?.files || [])];
      const accepted = files.filter((f) => /\.(txt|html?)$/i.test(f.name));
      for (const file of accepted) {
        const raw = await file.text();
        this.#addSource(/\.html?$/i.test(file.name) ? htmlToText(raw) : raw);
      }
      if (accepted.length < files.length) this.#showNote('Only .txt and .html files can be added as sources.');
    });
  }

  async #clearAll() {
    if (!this.#sources.length) return;
    if (!window.confirm('Remove every source? This cannot be undone.')) return;
    this.#setSources([], true);
  }

  // ---- keeping work ------------------------------------------------------------

  #restore() {
    const key = this.getAttribute('persist');
    if (!key) return null;
    try {
      const kept = JSON.parse(localStorage.getItem(key) || 'null');
      return Array.isArray(kept) ? kept : null;
    } catch {
      return null;
    }
  }

  #save() {
    const key = this.getAttribute('persist');
    if (!key) return;
    try {
      localStorage.setItem(key, JSON.stringify(this.#sources));
      if (this.#parts.note.dataset.kind === 'storage') this.#showNote('');
    } catch {
      this.#showNote('These sources are too large to keep across a reload; they stay here until you close the page.', 'storage');
    }
  }

  #showNote(text, kind = '') {
    this.#parts.note.textContent = text;
    this.#parts.note.dataset.kind = kind;
    this.#parts.note.hidden = !text;
  }

  // ---- analysis ----------------------------------------------------------------

  #changed() {
    this.#save();
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#analyse(), DEBOUNCE_MS);
  }

  async #analyse() {
    clearTimeout(this.#timer);
    this.#client ??= new WeaveClient();
    const request = this.#sources.map((s) => ({
      label: s.label,
      text: s.text,
      outlet: s.outlet || undefined,
      published: s.published || undefined,
    }));
    const bytes = bytesOf(request);
    const large = bytes > PROGRESS_BYTES;
    this.#parts.progress.hidden = !large;
    if (large) this.#parts.status.textContent = `Analysing ${(bytes / 1e6).toFixed(1)} MB…`;
    let answer;
    try {
      answer = await this.#client.weave(request);
    } catch (error) {
      if (this.#client.busy) return; // a newer request is on its way
      this.#parts.progress.hidden = true;
      this.#digest = null;
      this.#render();
      this.#showMessage(FRIENDLY[error.code] || `Something went wrong: ${error.message || error}`);
      this.#parts.status.textContent = '';
      this.dispatchEvent(new CustomEvent('weave-error', { detail: { code: error.code, message: error.message } }));
      return;
    }
    if (!answer) return; // superseded by a newer input
    if (!this.#client.busy) this.#parts.progress.hidden = true;
    const d = answer.digest;
    this.#digest = d;
    this.#digestRequest = request;
    this.#showMessage('');
    if (this.#firstRender) {
      // The account first, so that it is painted; the other panels in the next task.
      this.#firstRender = false;
      this.#renderAccount();
      performance.mark('newsweave:first-render');
      await new Promise((resolve) => { setTimeout(resolve, 0); });
      if (this.#digest !== d) return; // a newer answer has been drawn meanwhile
      this.#renderPanels();
    } else {
      this.#render();
    }
    this.#updatePlaceholders();
    const empty = this.#sources.map((s, i) => (s.text.trim() ? 0 : i + 1)).filter(Boolean);
    const note = empty.length ? ` · empty: source ${empty.join(', ')}` : '';
    this.#parts.status.textContent = `${d.sources.length} sources · ${d.statements.length} statements · ${d.entities.length} entities · ${answer.ms.toFixed(1)} ms${note}`;
    this.dispatchEvent(new CustomEvent('weave-result', { detail: d }));
  }

  #showMessage(text) {
    this.#parts.message.textContent = text;
    this.#parts.message.hidden = !text;
  }

  /** Empty labels and dates show what the core found: the outlet (else the title) and
   *  the byline date. Typing over them makes them the reader's own. */
  #updatePlaceholders() {
    this.#parts.panes.querySelectorAll('.source').forEach((pane, i) => {
      const found = this.#digest?.sources[i];
      const label = pane.querySelector('.field-text input');
      if (label) label.placeholder = (found && (found.outlet || found.title)) || `Source ${i + 1}`;
      const date = pane.querySelector('.field-date input');
      const detected = !this.#sources[i]?.published && found?.published;
      if (date && detected) {
        date.value = found.published;
        date.title = 'Found in the article; change it if it is wrong';
      }
      date?.classList.toggle('detected', Boolean(detected));
    });
  }

  /** Every part the core provides; parts with nothing to show stay hidden. */
  #render() {
    this.#renderAccount();
    this.#renderPanels();
  }

  /** The merged account (the statements) and the export buttons. */
  #renderAccount() {
    const p = this.#parts;
    const d = this.#digest;
    for (const button of [p.copy, p.json, p.print]) button.disabled = !d;
    if (d) renderStatements(p.statements, d, this.summaryLength);
    else p.statements.replaceChildren();
  }

  /** Everything around the account: quotes, single-source, disagreements, coverage, index, timeline. */
  #renderPanels() {
    const p = this.#parts;
    const d = this.#digest;
    if (!d) {
      for (const part of [p.quotes, p.single, p.differ, p.coverage, p.entities, p.timeline]) part.section.hidden = true;
      return;
    }
    const limit = this.summaryLength;
    const show = (part, count, unit) => {
      part.section.hidden = !count;
      part.count.textContent = count ? ` (${count} ${unit}${count === 1 ? '' : 's'})` : '';
    };
    show(p.quotes, renderQuotes(p.quotes.body, d), 'quote');
    const single = d.sources.length < 2 ? 0 : renderSingleSource(p.single.body, d);
    show(p.single, single && d.statements.filter((st) => st.sources.length === 1).length, 'statement');
    show(p.differ, renderDisagreementList(p.differ.body, d), 'statement');
    show(p.coverage, d.sources.length < 2 ? 0 : renderCoverage(p.coverage.body, d, limit), 'statement');
    show(p.entities, renderEntityIndex(p.entities.body, d) && d.entities.length, 'entity');
    show(p.timeline, renderTimeline(p.timeline.body, d), 'date');
  }

  /** Clicking an index entry highlights every mention of it in the account. */
  #toggleEntity(button) {
    const id = button.dataset.entity;
    const on = button.getAttribute('aria-pressed') !== 'true';
    for (const other of this.#root.querySelectorAll('.index-name[aria-pressed="true"]')) other.setAttribute('aria-pressed', 'false');
    for (const mark of this.#root.querySelectorAll('.statements mark.ent-active')) mark.classList.remove('ent-active');
    button.setAttribute('aria-pressed', String(on));
    if (!on) return;
    const marks = this.#root.querySelectorAll(`.statements mark[data-entity="${CSS.escape(id)}"]`);
    marks.forEach((mark) => mark.classList.add('ent-active'));
    marks[0]?.scrollIntoView({ block: 'nearest' });
    this.#parts.status.textContent = `${marks.length} mention${marks.length === 1 ? '' : 's'} highlighted in the account`;
  }

  async #copyMarkdown() {
    if (!this.#digest) return;
    const top = this.summaryLength === Infinity ? undefined : this.summaryLength;
    let text;
    try {
      text = await this.#client.markdown(this.#digestRequest, top);
    } catch (error) {
      this.#showNote(`The Markdown could not be written: ${error.message || error}`);
      return;
    }
    try {
      await navigator.clipboard.writeText(text);
      this.#showNote('The account was copied as Markdown.');
    } catch {
      download('newsweave-account.md', text, 'text/markdown');
      this.#showNote('The clipboard is not available here, so the Markdown was downloaded instead.');
    }
  }

  /** Hovering or focusing a badge shows that source's own sentence. */
  #setUpTooltip() {
    const tip = this.#parts.tooltip;
    const list = this.#parts.statements;
    const show = (event) => {
      const target = event.target.closest?.('.statements .badges .badge');
      if (!target) return;
      tip.replaceChildren(el('strong', '', target.dataset.heading), el('span', '', target.dataset.sentence));
      tip.hidden = false;
      // Fixed positioning in viewport coordinates: right wherever the host puts the element.
      const box = target.getBoundingClientRect();
      const width = document.documentElement.clientWidth;
      tip.style.left = `${Math.max(8, Math.min(box.left, width - tip.offsetWidth - 8))}px`;
      tip.style.top = `${box.bottom + 6}px`;
      target.setAttribute('aria-describedby', 'tooltip');
    };
    const hide = (event) => {
      const target = event.target.closest?.('.statements .badges .badge');
      if (!target) return;
      tip.hidden = true;
      target.removeAttribute('aria-describedby');
    };
    list.addEventListener('pointerover', show);
    list.addEventListener('focusin', show);
    list.addEventListener('pointerout', hide);
    list.addEventListener('focusout', hide);
    this.#root.addEventListener('keydown', (e) => { if (e.key === 'Escape') tip.hidden = true; });
  }
}

if (!customElements.get('news-weave')) customElements.define('news-weave', NewsWeave);

// <news-weave>: the merged account as one element for any page.
//
//   <script type="module" src="https://your.host/newsweave/www/news-weave.js"></script>
//   <news-weave editable></news-weave>
//
// Attributes (all optional):
//   editable          show the source panes (paste, type, drop files), not only the result
//   summary-length    statements in each story's account: a number (default 10) or "all"
//   theme             "light", "dark", or "auto" (default: follows prefers-color-scheme)
//   persist="KEY"     keep the sources, the reader's corrections and the last few removals
//                     in localStorage under KEY, so they survive a reload
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
// (account-view.js, statements.js, panels.js), a source as a whole (source-view.js),
// why statements were joined and the reader's corrections (why.js, overrides.js), the
// badge tooltip (badge-tooltip.js) and the exports (export.js, markdown.js). The
// modules for a source as a whole, "why?" and corrections load when first used.

import { AccountView } from './account-view.js';
import { badgeTooltip } from './badge-tooltip.js';
import { WeaveClient, bytesOf } from './client.js';
import { loadDemo } from './demo.js';
import { copyMarkdown, downloadDigest } from './export.js';
import { counted, el, fontWarmup, setViewLimits } from './render.js';
import { SourceEditor } from './source-editor.js';
import {
  emptySourceNumbers, keepCorrections, keepHistory, keepSources, removedHistory, restoreCorrections, restoreSources,
  toSource, weaveRequest,
} from './sources.js';

// Loaded when first needed, not with the page: a source seen whole, "why?", the
// reader's corrections and the Markdown port that carries them.
const sourceViewModule = () => import('./source-view.js');
const whyModule = () => import('./why.js');
const overridesModule = () => import('./overrides.js');
const markdownModule = () => import('./markdown.js');

const STYLE_URL = new URL('./style.css', import.meta.url);
const DEBOUNCE_MS = 200;
const DEFAULT_LENGTH = 10;
/** How long an Undo stays offered (longer while the pointer or focus is on it). */
const UNDO_MS = 15_000;

export class NewsWeave extends HTMLElement {
  static observedAttributes = ['summary-length', 'editable'];

  #sources = [];
  /** The core's latest Digest, and what is shown: it with the reader's corrections. */
  #coreDigest = null;
  #digest = null;
  #overrides = [];
  #applied = [];
  /** Removed sources, newest first (`[{time, sources: [{index, source}]}]`). */
  #history = [];
  #client = null;
  #timer = 0;
  #root;
  #frame;
  #editor;
  #view;
  /** The source view (source-view.js), made when first opened. */
  #sourceView = null;
  #firstRender = true;
  /** The panes wait for the first account (see #setSources). */
  #panesDeferred = false;
  /** Set on first connection: the kept sources or the demo are loaded once. */
  #started = false;
  /** Unseen text that has the account's fonts looked up before it is drawn. */
  #fontWarmup = fontWarmup();

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#build();
  }

  connectedCallback() {
    this.#client ??= new WeaveClient();
    if (this.#sources.length || this.#started) return;
    this.#started = true;
    const key = this.getAttribute('persist');
    this.#overrides = restoreCorrections(key);
    this.#history = removedHistory(key);
    this.#editor.renderHistory(this.#history);
    const kept = restoreSources(key);
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

  /** The latest Digest, with the reader's corrections applied, or null. */
  get digest() {
    return this.#digest;
  }

  #build() {
    const style = el('link');
    style.rel = 'stylesheet';
    style.href = STYLE_URL.href;
    const frame = el('div', 'nw');
    this.#frame = frame;
    // The skip link and, on a narrow screen, the links between the two halves.
    const skip = el('a', 'skip', 'Skip to the merged account');
    skip.href = '#account-heading';
    const jump = el('nav', 'jump');
    jump.setAttribute('aria-label', 'Parts of the page');
    const toAccount = el('a', 'jump-account', 'Jump to the account');
    toAccount.href = '#account-heading';
    const toSources = el('a', 'jump-sources', 'Edit the sources');
    toSources.href = '#sources-heading';
    jump.append(toAccount, toSources);
    for (const link of [skip, toAccount, toSources]) {
      link.addEventListener('click', (event) => {
        event.preventDefault();
        const target = this.#root.getElementById(link.getAttribute('href').slice(1));
        target?.scrollIntoView({ block: 'start' });
        target?.focus({ preventScroll: true });
      });
    }
    this.#editor = new SourceEditor({
      sources: () => this.#sources,
      onEdit: () => this.#changed(),
      onReplace: (list) => this.#setSources(list, true),
      onNote: (text) => this.#view.showNote(text),
      digest: () => this.#coreDigest,
      canDrop: () => this.hasAttribute('editable'),
      onRemove: (i) => this.#remove([i]),
      onClearAll: () => this.#remove(this.#sources.map((_, i) => i)),
      onRestore: (k) => this.#restore(this.#history[k]),
    });
    this.#editor.section.hidden = !this.hasAttribute('editable');
    this.#view = new AccountView({
      length: this.summaryLength,
      onLength: (limit) => { this.summaryLength = limit; },
      onCopyMarkdown: () => this.#copyMarkdown(),
      onDownloadJson: () => this.#digest && downloadDigest(this.#overrides.length ? { ...this.#digest, corrections: this.#overrides } : this.#digest),
      onOpenSource: (source, sentence, returnTo) => this.#openSource(source, sentence, returnTo),
      explain: async (body, digest, statement) => {
        const { whyContent } = await whyModule();
        whyContent(body, digest, statement, {
          onShow: (source, k, button) => this.#openSource(source, k, button),
          onSplit: (k) => this.#correct((o) => o.splitOverride(digest, k)),
          onJoin: (a, b) => this.#correct((o) => o.joinOverride(digest, a, b)),
        });
        body.removeAttribute('aria-busy');
      },
      onClearCorrections: () => this.#clearCorrections(),
    });
    frame.append(skip, jump, this.#editor.section, this.#view.section, this.#fontWarmup);
    this.#root.append(style, frame, badgeTooltip(this.#root, this.#view.statements, () => this.#digest));
    this.#editor.acceptDrops(frame);
  }

  #setSources(list, save) {
    this.#sources = list.map(toSource);
    // Before the first account, the panes wait for it: laying out every article in its
    // textarea held up the frame that shows the account by 35–80 ms
    // (docs/BENCHMARKS.md, "First render"). They are drawn once it is on screen.
    if (this.#firstRender) this.#panesDeferred = true;
    else this.#editor.renderPanes();
    if (save) this.#save();
    this.#analyse();
  }

  #save() {
    const key = this.getAttribute('persist');
    this.#frame.classList.toggle('has-sources', this.#sources.length > 0);
    if (key) this.#view.showKept(keepSources(key, this.#sources));
  }

  /** After an edit: kept at once, analysed once the reader pauses. */
  #changed() {
    this.#save();
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#analyse(), DEBOUNCE_MS);
  }

  /** Removes the sources at `indices`, keeping them to undo now or restore later. */
  #remove(indices) {
    if (!indices.length) return;
    const entry = { time: Date.now(), sources: indices.map((index) => ({ index, source: { ...this.#sources[index] } })) };
    const gone = new Set(indices);
    this.#sources = this.#sources.filter((_, i) => !gone.has(i));
    this.#history = [entry, ...this.#history].slice(0, 5);
    keepHistory(this.getAttribute('persist'), this.#history);
    this.#editor.renderHistory(this.#history);
    this.#editor.renderPanes();
    this.#changed();
    const what = indices.length === 1
      ? `Removed source ${indices[0] + 1}${entry.sources[0].source.label ? ` (${entry.sources[0].source.label})` : ''}.`
      : `Removed all ${counted(indices.length, 'source')}.`;
    this.#view.showNote(what, 'removed', { label: 'Undo', run: () => this.#restore(entry), ms: UNDO_MS });
    this.#editor.focusPane(Math.min(indices[0], this.#sources.length - 1));
  }

  /** Puts the sources of a removal `entry` back where they were. */
  #restore(entry) {
    if (!entry) return;
    const list = [...this.#sources];
    for (const { index, source } of [...entry.sources].sort((a, b) => a.index - b.index)) {
      list.splice(Math.min(index, list.length), 0, toSource(source));
    }
    this.#sources = list;
    this.#history = this.#history.filter((e) => e !== entry && e.time !== entry.time);
    keepHistory(this.getAttribute('persist'), this.#history);
    this.#editor.renderHistory(this.#history);
    this.#editor.renderPanes();
    this.#changed();
    this.#view.showNote(`Restored ${counted(entry.sources.length, 'source')}.`, 'restored');
  }

  async #analyse() {
    clearTimeout(this.#timer);
    this.#client ??= new WeaveClient();
    this.#frame.classList.toggle('has-sources', this.#sources.length > 0);
    const request = weaveRequest(this.#sources);
    this.#view.showAnalysing(bytesOf(request));
    performance.mark('newsweave:request');
    let answer;
    try {
      answer = await this.#client.weave(request);
    } catch (error) {
      if (this.#client.busy) return; // a newer request is on its way
      this.#renderDeferredPanes();
      this.#view.hideProgress();
      this.#coreDigest = null;
      this.#digest = null;
      this.#render();
      this.#view.showError(error);
      this.dispatchEvent(new CustomEvent('weave-error', { detail: { code: error.code, message: error.message } }));
      return;
    }
    if (!answer) return; // superseded by a newer input
    performance.mark('newsweave:answer', { detail: { ms: answer.ms } });
    if (!this.#client.busy) this.#view.hideProgress();
    setViewLimits(answer.limits);
    this.#coreDigest = answer.digest;
    await this.#correctDigest();
    if (this.#coreDigest !== answer.digest) return; // a newer answer meanwhile
    const d = this.#digest;
    this.#view.showMessage('');
    // Milestones for the benchmarks: the account drawn, and the frame that shows it
    // (asked for before drawing, so that it comes before the panels drawn after it).
    const painted = this.#firstRender ? 'newsweave:first-paint' : 'newsweave:painted';
    requestAnimationFrame(() => setTimeout(() => performance.mark(painted), 0));
    const drawn = this.#view.render(d, this.summaryLength);
    if (this.#firstRender) performance.mark('newsweave:first-render');
    this.#firstRender = false;
    await drawn;
    if (this.#digest !== d) return; // a newer answer has been drawn meanwhile
    performance.mark('newsweave:drawn');
    this.#fontWarmup.remove();
    this.#renderDeferredPanes();
    this.#editor.updatePlaceholders();
    this.#view.showResult(d, answer.ms, emptySourceNumbers(this.#sources));
    this.dispatchEvent(new CustomEvent('weave-result', { detail: d }));
  }

  /** The panes the first account waited for, unless the reader made them meanwhile
   *  (adding a source draws them). */
  #renderDeferredPanes() {
    if (!this.#panesDeferred) return;
    this.#panesDeferred = false;
    if (!this.#editor.panesShown) this.#editor.renderPanes();
  }

  /** The core's Digest with the reader's corrections applied (overrides.js, loaded
   *  only when there are some), and which of them applied. */
  async #correctDigest() {
    if (!this.#coreDigest) return;
    if (!this.#overrides.length) {
      this.#digest = this.#coreDigest;
      this.#applied = [];
    } else {
      const core = this.#coreDigest;
      const { applyOverrides } = await overridesModule();
      if (core !== this.#coreDigest) return;
      const { digest, applied } = applyOverrides(core, this.#overrides);
      this.#digest = digest;
      this.#applied = applied;
    }
    this.#view.showCorrections(this.#overrides.length, this.#applied.filter((a) => !a).length);
  }

  /** Replaces the corrections with `list`: kept, applied and drawn (no new analysis). */
  async #setCorrections(list) {
    this.#overrides = list;
    keepCorrections(this.getAttribute('persist'), list);
    await this.#correctDigest();
    await this.#render();
  }

  /** A correction by the reader (`make(overridesModule)` makes it), with an Undo. */
  async #correct(make) {
    const module = await overridesModule();
    const override = make(module);
    const before = this.#overrides;
    await this.#setCorrections([...before, override]);
    this.#view.showNote(`You ${module.describeOverride(override)}.`, 'corrected', {
      label: 'Undo', ms: UNDO_MS, run: () => this.#setCorrections(before),
    });
  }

  async #clearCorrections() {
    const before = this.#overrides;
    await this.#setCorrections([]);
    this.#view.showNote(`Removed ${counted(before.length, 'correction')}.`, 'corrections', {
      label: 'Undo', ms: UNDO_MS, run: () => this.#setCorrections(before),
    });
  }

  async #openSource(source, sentence, returnTo) {
    if (!this.#digest || !this.#digest.sources[source]) return;
    const back = returnTo || this.#root.activeElement;
    if (!this.#sourceView) {
      const { SourceView } = await sourceViewModule();
      this.#sourceView ??= new SourceView({ goTo: (id) => this.#view.goTo(id) });
      this.#root.append(this.#sourceView.dialog);
    }
    const text = this.#sources[source]?.text;
    this.#sourceView.open(this.#digest, text, source, Number.isFinite(sentence) ? sentence : undefined, back);
  }

  #render() {
    return this.#view.render(this.#digest, this.summaryLength);
  }

  async #copyMarkdown() {
    if (!this.#digest) return;
    const top = this.summaryLength === Infinity ? undefined : this.summaryLength;
    const applied = this.#applied.filter(Boolean).length;
    const client = applied ? {
      markdown: async (n) => {
        const [{ correctedMarkdown }, core] = await Promise.all([markdownModule(), this.#client.markdown(n)]);
        return correctedMarkdown(core, this.#coreDigest, this.#digest, n, applied);
      },
    } : this.#client;
    this.#view.showNote(await copyMarkdown(client, top));
  }
}

if (!customElements.get('news-weave')) customElements.define('news-weave', NewsWeave);

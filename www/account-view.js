// The merged-account half of the widget: the status line and progress bar, the toolbar
// (account length, exports, print, the reader's corrections), messages and notes (with
// an Undo where there is something to undo), the key from badges to outlets, the
// account itself and the panels around it, and the entity index's highlighting of
// mentions. It draws the Digest it is given; the element decides when.
import {
  indexCount, quoteEntries, renderCoverage, renderDisagreementList, renderEntityIndex, renderLegend, renderQuotes,
  renderSingleSource, renderTimeline,
} from './panels.js';
import { badgeKeys, renderAccount, renderSourceLegend } from './statements.js';
import { actionButton, afterPaint, counted, el } from './render.js';

/** Inputs above this size show a progress indicator while they are analysed. */
const PROGRESS_BYTES = 200_000;

/** A Digest with more sentences than this has its panels drawn one a task. */
const LARGE_DIGEST = 5_000;

/** What the reader is told for each error code of the core; other errors are quoted. */
const ERROR_MESSAGES = {
  no_sources: 'Add at least one source to see a merged account.',
  all_empty: 'Every source is empty. Paste the text of an article into a source.',
  too_many_sources: 'There are too many sources for one analysis. Remove some and try again. Nothing you typed was removed.',
  input_too_large: 'The sources are too long for one analysis. Remove some text and try again. Nothing you typed was removed.',
  invalid_date: 'A publication date is not valid. Use the date picker or the form YYYY-MM-DD.',
};

const LENGTH_CHOICES = [['5', 'top 5'], ['10', 'top 10'], ['20', 'top 20'], ['all', 'all statements']];

/** The length menu's value for `limit` statements per story. */
const lengthValue = (limit) => String(limit === Infinity ? 'all' : limit);

/** A disclosure for one panel, hidden until it has content. Its body is drawn when it
 *  is open, or else when it is first opened. */
function panel(className, title, open) {
  const section = el('details', `panel ${className}`);
  section.open = open;
  const summary = el('summary');
  const heading = el('h3', '', title);
  const count = el('span', 'panel-count');
  heading.append(count);
  summary.append(heading);
  const body = el('div', 'panel-body');
  section.append(summary, body);
  section.hidden = true;
  let pending = null;
  const draw = (opening = false) => {
    if (!pending || !(section.open || opening)) return;
    const fill = pending;
    pending = null;
    fill();
  };
  section.addEventListener('toggle', () => draw());
  // A click on the summary comes before the opening: draw then, so the content is there
  // as soon as the panel is open.
  summary.addEventListener('click', () => draw(!section.open));
  return {
    section,
    body,
    /** Shows `n` entries (hidden if none), counted in `noun`; `fill()` draws them. */
    set(n, noun, fill) {
      section.hidden = !n;
      count.textContent = n ? ` (${counted(n, noun)})` : '';
      pending = n ? fill : null;
      if (!n) body.replaceChildren();
      draw();
    },
  };
}

export class AccountView {
  /** The `section.output` element. */
  section;
  /** The account's container: where the statements and their badges are. */
  statements;
  #status;
  #progress;
  #length;
  #exportButtons;
  #corrections;
  #message;
  #note;
  #noteTimer = 0;
  #sourceLegend;
  #panels;
  #onLength;
  #explain;
  #onOpenSource;
  #digest = null;
  #limit = 10;
  #drawn = 0;
  /** A statement to show once the account is drawn at full length. */
  #pendingGoTo = null;

  /**
   * `length`: statements per story to show at first; `onLength(limit)`: the reader chose
   * another (Infinity for all); `onCopyMarkdown()`, `onDownloadJson()`: the export
   * buttons; `onOpenSource(source, sentence?, returnTo?)`: open a source as a whole;
   * `explain(body, digest, statement)`: fill the opened "why" marker of a statement;
   * `onClearCorrections()`: forget the reader's corrections.
   */
  constructor({ length, onLength, onCopyMarkdown, onDownloadJson, onOpenSource, explain, onClearCorrections }) {
    this.#onLength = onLength;
    this.#explain = explain;
    this.#onOpenSource = onOpenSource;
    this.section = el('section', 'output');
    this.section.setAttribute('aria-labelledby', 'account-heading');
    const head = el('div', 'section-head');
    const heading = el('h2', '', 'Merged account');
    heading.id = 'account-heading';
    heading.tabIndex = -1; // where the skip link lands
    this.#status = el('p', 'status', 'Loading…');
    this.#status.setAttribute('aria-live', 'polite');
    head.append(heading, this.#status);
    this.#progress = el('progress', 'progress');
    this.#progress.hidden = true;
    this.#progress.setAttribute('aria-label', 'Analysing');

    const tools = el('div', 'toolbar');
    const lengthLabel = el('label', 'field', 'Show ');
    this.#length = el('select');
    for (const [value, text] of LENGTH_CHOICES) {
      const option = el('option', '', text);
      option.value = value;
      this.#length.append(option);
    }
    this.showLength(length);
    this.#length.addEventListener('change', () => onLength(this.#length.value === 'all' ? Infinity : Number(this.#length.value)));
    lengthLabel.append(this.#length);
    this.#exportButtons = [
      actionButton('Copy Markdown', onCopyMarkdown, 'copy-markdown'),
      actionButton('Download JSON', onDownloadJson, 'download-json'),
      actionButton('Print', () => window.print(), 'print'),
    ];
    this.#corrections = actionButton('', onClearCorrections, 'clear-corrections');
    this.#corrections.hidden = true;
    tools.append(lengthLabel, ...this.#exportButtons, this.#corrections);

    this.#message = el('p', 'message');
    this.#message.setAttribute('role', 'alert');
    this.#message.hidden = true;
    this.#note = el('p', 'note');
    this.#note.setAttribute('aria-live', 'polite');
    this.#note.hidden = true;
    this.#sourceLegend = el('div', 'source-legend');
    this.#sourceLegend.setAttribute('role', 'region');
    this.#sourceLegend.setAttribute('aria-label', 'Sources: what each badge number stands for');
    this.#sourceLegend.hidden = true;
    this.statements = el('div', 'account');
    badgeKeys(this.statements);
    this.statements.addEventListener('click', (event) => {
      const badge = event.target.closest('.badges .badge');
      if (badge) this.#onOpenSource(Number(badge.dataset.source), Number(badge.dataset.sentence), badge);
    });

    const p = {
      quotes: panel('quotes', 'Quotes', false),
      single: panel('single-source', 'Only in one source', false),
      differ: panel('disagreements', 'Sources differ', false),
      coverage: panel('coverage-grid', 'Coverage', true),
      entities: panel('entity-index', 'Entity index', true),
      timeline: panel('timeline', 'Timeline', true),
    };
    p.coverage.body.tabIndex = 0;
    p.coverage.body.setAttribute('role', 'region');
    p.coverage.body.setAttribute('aria-label', 'Coverage table, scrollable');
    p.entities.body.addEventListener('click', (event) => {
      const entry = event.target.closest('.index-name');
      if (entry) this.#toggleEntity(entry);
    });
    this.#panels = p;
    const legend = el('div', 'legend');
    renderLegend(legend);

    this.section.append(head, this.#progress, tools, this.#message, this.#note, this.#sourceLegend, this.statements,
      p.quotes.section, p.single.section, p.differ.section, p.coverage.section, p.entities.section, p.timeline.section, legend);
  }

  /** Sets the length menu to `limit` statements per story (a length it does not offer
   *  becomes an option of its own). */
  showLength(limit) {
    const value = lengthValue(limit);
    if (![...this.#length.options].some((o) => o.value === value)) {
      const option = el('option', '', `top ${value}`);
      option.value = value;
      this.#length.append(option);
    }
    this.#length.value = value;
  }

  /** Every part of `digest` (null: none): the account now, the panels once it is
   *  painted. Resolves once all is drawn (false if superseded). */
  async render(digest, limit) {
    const drawing = this.renderAccount(digest, limit);
    await afterPaint();
    if (this.#digest !== digest) return false;
    const panels = await this.renderPanels(digest, limit);
    const done = (await drawing) && panels;
    if (done && this.#digest === digest) {
      this.#drawn += 1;
      this.section.dataset.drawn = String(this.#drawn);
      if (this.#pendingGoTo !== null) {
        const id = this.#pendingGoTo;
        this.#pendingGoTo = null;
        this.goTo(id);
      }
    }
    return done;
  }

  /** The key to the badges, the merged account and the export buttons (enabled with a
   *  Digest). Resolves once the whole account is drawn. */
  renderAccount(digest, limit) {
    this.#digest = digest;
    this.#limit = limit;
    for (const exportButton of this.#exportButtons) exportButton.disabled = !digest;
    this.#sourceLegend.hidden = !digest;
    if (!digest) {
      this.statements.drawing = null;
      this.statements.replaceChildren();
      this.#sourceLegend.replaceChildren();
      return Promise.resolve(true);
    }
    renderSourceLegend(this.#sourceLegend, digest, (s) => this.#onOpenSource(s));
    return renderAccount(this.statements, digest, limit, { explain: this.#explain && ((body, st) => this.#explain(body, digest, st)) });
  }

  /** Everything around the account: quotes, single-source, disagreements, coverage,
   *  index, timeline; for a very large Digest one panel a task, so that the page is not
   *  held still while all of them are drawn. Resolves to false if a newer Digest came. */
  async renderPanels(digest, limit) {
    const p = this.#panels;
    if (!digest) {
      for (const part of Object.values(p)) part.set(0);
      return true;
    }
    const manySources = digest.sources.length >= 2;
    const goTo = (id) => this.goTo(id);
    const steps = [
      () => {
        const quotes = quoteEntries(digest);
        p.quotes.set(quotes.length, 'quote', () => renderQuotes(p.quotes.body, digest, quotes));
        const single = manySources ? digest.statements.filter((st) => st.sources.length === 1).length : 0;
        p.single.set(single, 'statement', () => renderSingleSource(p.single.body, digest, goTo));
        const differ = digest.statements.filter((st) => st.disagreements && st.disagreements.length).length;
        p.differ.set(differ, 'statement', () => renderDisagreementList(p.differ.body, digest, goTo));
      },
      () => {
        if (manySources) p.coverage.set(renderCoverage(p.coverage.body, digest, limit, goTo), 'statement', () => {});
        else p.coverage.set(0);
      },
      () => p.entities.set(renderEntityIndex(p.entities.body, digest) && indexCount(digest), 'entity', () => {}),
      () => p.timeline.set(renderTimeline(p.timeline.body, digest, goTo), 'date', () => {}),
    ];
    // Only a large Digest pays for the pauses: each lets a frame in between.
    const pause = digest.sentences.length > LARGE_DIGEST;
    for (const [k, step] of steps.entries()) {
      if (k && pause) await new Promise((resolve) => { setTimeout(resolve, 0); });
      if (this.#digest !== digest) return false;
      step();
    }
    return true;
  }

  /** Scrolls to statement `id` in the account and highlights it; a statement beyond the
   *  account's length shows the whole account first. */
  goTo(id) {
    const item = this.statements.querySelector(`#st-${id}`);
    if (!item) {
      if (this.#digest?.statements[id] && this.#limit !== Infinity) {
        this.#pendingGoTo = id;
        this.#onLength(Infinity);
      }
      return;
    }
    item.scrollIntoView({ block: 'center' });
    item.focus({ preventScroll: true });
    item.classList.remove('flash');
    void item.offsetWidth; // restart the highlight
    item.classList.add('flash');
  }

  /** An analysis of `bytes` of text has started: large ones show progress in the status line. */
  showAnalysing(bytes) {
    const large = bytes > PROGRESS_BYTES;
    this.#progress.hidden = !large;
    if (large) this.#status.textContent = `Analysing ${(bytes / 1e6).toFixed(1)} MB…`;
  }

  hideProgress() {
    this.#progress.hidden = true;
  }

  /** The status line for an answer: counts, time taken, and which sources are empty. */
  showResult(digest, ms, emptySources) {
    const note = emptySources.length ? ` · empty: source ${emptySources.join(', ')}` : '';
    this.#status.textContent = `${counted(digest.sources.length, 'source')} · ${counted(digest.statements.length, 'statement')} · ${counted(digest.entities.length, 'entity')} · ${ms.toFixed(1)} ms${note}`;
  }

  /** The reader's corrections: how many there are (a button clears them) and how many
   *  found no sentences to apply to. */
  showCorrections(count, unapplied) {
    this.#corrections.hidden = !count;
    this.#corrections.textContent = `Undo my corrections (${count})`;
    this.#corrections.title = unapplied ? `${unapplied} of them no longer match the sources` : '';
  }

  /** A failed analysis (`{code, message}`), in the reader's terms. */
  showError(error) {
    this.showMessage(ERROR_MESSAGES[error.code] || `Something went wrong: ${error.message || error}`);
    this.#status.textContent = '';
  }

  /** The alert above the account; empty text hides it. */
  showMessage(text) {
    this.#message.textContent = text;
    this.#message.hidden = !text;
  }

  /**
   * The quieter note (exports, drops, storage, undo); `kind` names the note so it can be
   * withdrawn. With `action` (`{label, run, ms}`) it carries a button, and the note
   * goes after `ms` milliseconds unless the pointer or the focus is on it.
   */
  showNote(text, kind = '', action = null) {
    clearTimeout(this.#noteTimer);
    this.#note.replaceChildren(text);
    this.#note.dataset.kind = kind;
    this.#note.hidden = !text;
    if (!action) return;
    const button = actionButton(action.label, () => {
      this.showNote('');
      action.run();
    }, `note-action note-${kind}`);
    this.#note.append(' ', button);
    const expire = () => {
      this.#noteTimer = setTimeout(() => {
        if (this.#note.matches(':hover, :focus-within')) expire();
        else if (this.#note.dataset.kind === kind) this.showNote('');
      }, action.ms);
    };
    expire();
  }

  /** Whether the sources could be kept across a reload: a refusal is noted, and that
   *  note withdrawn once they are kept again. */
  showKept(kept) {
    if (!kept) this.showNote('These sources are too large to keep across a reload; they stay here until you close the page.', 'storage');
    else if (this.#note.dataset.kind === 'storage') this.showNote('');
  }

  /** Clicking an index entry highlights every mention of it in the account. */
  #toggleEntity(entry) {
    const id = entry.dataset.entity;
    const on = entry.getAttribute('aria-pressed') !== 'true';
    for (const other of this.section.querySelectorAll('.index-name[aria-pressed="true"]')) other.setAttribute('aria-pressed', 'false');
    for (const mark of this.section.querySelectorAll('.statements mark.ent-active')) mark.classList.remove('ent-active');
    entry.setAttribute('aria-pressed', String(on));
    if (!on) return;
    const marks = this.section.querySelectorAll(`.statements mark[data-entity="${CSS.escape(id)}"]`);
    marks.forEach((mark) => mark.classList.add('ent-active'));
    marks[0]?.scrollIntoView({ block: 'nearest' });
    this.#status.textContent = `${counted(marks.length, 'mention')} highlighted in the account`;
  }
}

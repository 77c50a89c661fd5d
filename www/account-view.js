// The merged-account half of the widget: the status line and progress bar, the toolbar
// (account length, exports, print), messages and notes, the account itself and the
// panels around it, and the entity index's highlighting of mentions. It draws the
// Digest it is given; the element decides when.
import {
  actionButton, el, renderCoverage, renderDisagreementList, renderEntityIndex, renderLegend, renderQuotes,
  renderSingleSource, renderStatements, renderTimeline,
} from './render.js';

/** Inputs above this size show a progress indicator while they are analysed. */
const PROGRESS_BYTES = 200_000;

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

/** A disclosure for one panel, so a long account stays easy to scan; hidden until it has content. */
function panel(className, title, open = true) {
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
  return { section, body, count };
}

export class AccountView {
  /** The `section.output` element. */
  section;
  /** The `ol.statements` list: the account, where the source badges are. */
  statements;
  #status;
  #progress;
  #length;
  #exportButtons;
  #message;
  #note;
  #panels;

  /**
   * `length`: statements per story to show at first; `onLength(limit)`: the reader chose
   * another (Infinity for all); `onCopyMarkdown()`, `onDownloadJson()`: the export buttons.
   */
  constructor({ length, onLength, onCopyMarkdown, onDownloadJson }) {
    this.section = el('section', 'output');
    this.section.setAttribute('aria-label', 'Merged account');
    const head = el('div', 'section-head');
    this.#status = el('p', 'status', 'Loading…');
    this.#status.setAttribute('aria-live', 'polite');
    head.append(el('h2', '', 'Merged account'), this.#status);
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
    this.#length.value = lengthValue(length);
    if (![...this.#length.options].some((o) => o.value === this.#length.value)) {
      const option = el('option', '', `top ${this.#length.value}`);
      option.value = this.#length.value;
      this.#length.append(option);
      this.#length.value = option.value;
    }
    this.#length.addEventListener('change', () => onLength(this.#length.value === 'all' ? Infinity : Number(this.#length.value)));
    lengthLabel.append(this.#length);
    this.#exportButtons = [
      actionButton('Copy Markdown', onCopyMarkdown, 'copy-markdown'),
      actionButton('Download JSON', onDownloadJson, 'download-json'),
      actionButton('Print', () => window.print(), 'print'),
    ];
    tools.append(lengthLabel, ...this.#exportButtons);

    this.#message = el('p', 'message');
    this.#message.setAttribute('role', 'alert');
    this.#message.hidden = true;
    this.#note = el('p', 'note');
    this.#note.setAttribute('aria-live', 'polite');
    this.#note.hidden = true;
    this.statements = el('ol', 'statements');

    const p = {
      quotes: panel('quotes', 'Quotes'),
      single: panel('single-source', 'Only in one source', false),
      differ: panel('disagreements', 'Sources differ', false),
      coverage: panel('coverage-grid', 'Coverage'),
      entities: panel('entity-index', 'Entity index'),
      timeline: panel('timeline', 'Timeline'),
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

    this.section.append(head, this.#progress, tools, this.#message, this.#note, this.statements, p.quotes.section,
      p.single.section, p.differ.section, p.coverage.section, p.entities.section, p.timeline.section, legend);
  }

  /** Sets the length menu to `limit` statements per story. */
  showLength(limit) {
    this.#length.value = lengthValue(limit);
  }

  /** Every part of `digest` (null: none); parts with nothing to show stay hidden. */
  render(digest, limit) {
    this.renderAccount(digest, limit);
    this.renderPanels(digest, limit);
  }

  /** The merged account (the statements) and the export buttons, enabled with a Digest. */
  renderAccount(digest, limit) {
    for (const exportButton of this.#exportButtons) exportButton.disabled = !digest;
    if (digest) renderStatements(this.statements, digest, limit);
    else this.statements.replaceChildren();
  }

  /** Everything around the account: quotes, single-source, disagreements, coverage, index, timeline. */
  renderPanels(digest, limit) {
    const p = this.#panels;
    if (!digest) {
      for (const part of Object.values(p)) part.section.hidden = true;
      return;
    }
    const show = (part, count, unit) => {
      part.section.hidden = !count;
      part.count.textContent = count ? ` (${count} ${unit}${count === 1 ? '' : 's'})` : '';
    };
    const manySources = digest.sources.length >= 2;
    show(p.quotes, renderQuotes(p.quotes.body, digest), 'quote');
    const single = manySources ? renderSingleSource(p.single.body, digest) : 0;
    show(p.single, single && digest.statements.filter((st) => st.sources.length === 1).length, 'statement');
    show(p.differ, renderDisagreementList(p.differ.body, digest), 'statement');
    show(p.coverage, manySources ? renderCoverage(p.coverage.body, digest, limit) : 0, 'statement');
    show(p.entities, renderEntityIndex(p.entities.body, digest) && digest.entities.length, 'entity');
    show(p.timeline, renderTimeline(p.timeline.body, digest), 'date');
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
    this.#status.textContent = `${digest.sources.length} sources · ${digest.statements.length} statements · ${digest.entities.length} entities · ${ms.toFixed(1)} ms${note}`;
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

  /** The quieter note (exports, drops, storage); `kind` names the note so it can be withdrawn. */
  showNote(text, kind = '') {
    this.#note.textContent = text;
    this.#note.dataset.kind = kind;
    this.#note.hidden = !text;
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
    this.#status.textContent = `${marks.length} mention${marks.length === 1 ? '' : 's'} highlighted in the account`;
  }
}

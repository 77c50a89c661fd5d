// The source panes, the `editable` half of the widget: one pane per source (label,
// publication date, text), adding, removing and clearing sources (the element keeps
// what was removed, to undo), what was removed lately, pasted or dropped HTML read as
// text, and a read-only preview of very long sources. It edits the element's list of
// sources in place and reports every edit; the element saves and analyses.
import { loadDemo } from './demo.js';
import { htmlToText } from './html-to-text.js';
import { actionButton, counted, el, grouped } from './render.js';
import { toSource } from './sources.js';

/** A source longer than this is shown as a read-only preview until the reader asks to
 *  edit it: laying out megabytes in a <textarea> blocks the main thread for seconds. */
const LARGE_TEXT = 1_000_000;
const PREVIEW_CHARS = 20_000;

export class SourceEditor {
  /** The `section.inputs` element. */
  section;
  #panes;
  #sources;
  /** Large sources the reader chose to edit in full (see LARGE_TEXT). */
  #editingFull = new WeakSet();
  #onEdit;
  #onReplace;
  #onNote;
  #digest;
  #canDrop;
  #onRemove;
  #onClearAll;
  #onRestore;
  #recent;

  /**
   * `sources()`: the element's current list, which the panes edit in place;
   * `onEdit()`: the list changed in place (typing, a field, a source added or removed);
   * `onReplace(list)`: the reader asked for another list (the demo, or none);
   * `onNote(text)`: something to tell the reader; `digest()`: the latest Digest or null,
   * whose findings fill empty labels and dates; `canDrop()`: whether files may be dropped;
   * `onRemove(i)`, `onClearAll()`: the reader removed source `i`, or every source;
   * `onRestore(k)`: the reader restored entry `k` of the removal history.
   */
  constructor({ sources, onEdit, onReplace, onNote, digest, canDrop, onRemove, onClearAll, onRestore }) {
    this.#sources = sources;
    this.#onEdit = onEdit;
    this.#onReplace = onReplace;
    this.#onNote = onNote;
    this.#digest = digest;
    this.#canDrop = canDrop;
    this.#onRemove = onRemove;
    this.#onClearAll = onClearAll;
    this.#onRestore = onRestore;
    this.section = el('section', 'inputs');
    this.section.setAttribute('aria-labelledby', 'sources-heading');
    this.section.id = 'sources';
    const head = el('div', 'section-head');
    const actions = el('div', 'actions');
    actions.append(
      actionButton('Add source', () => this.#addSource(), 'add-source'),
      actionButton('Load demo', async () => this.#onReplace(await loadDemo()), 'load-demo'),
      actionButton('Clear all', () => { if (this.#sources().length) this.#onClearAll(); }, 'clear-all'),
    );
    const heading = el('h2', '', 'Sources');
    heading.id = 'sources-heading';
    heading.tabIndex = -1;
    head.append(heading, actions);
    this.#panes = el('div', 'panes');
    const dropHint = el('p', 'hint', 'Paste text or a web page into a source, or drop .txt and .html files here.');
    this.#recent = el('details', 'recent');
    this.#recent.hidden = true;
    this.section.append(head, dropHint, this.#panes, this.#recent);
  }

  /** The removal history (newest first, `[{time, sources: [{index, source}]}]`), each entry restorable. */
  renderHistory(history) {
    this.#recent.hidden = !history.length;
    if (!history.length) {
      this.#recent.replaceChildren();
      return;
    }
    const summary = el('summary', '', `Recently removed (${history.length})`);
    const list = el('ul', 'recent-list');
    history.forEach((entry, k) => {
      const li = el('li');
      const names = entry.sources.map(({ source, index }) => source.label || firstLine(source.text) || `Source ${index + 1}`);
      const what = entry.sources.length === 1 ? names[0] : `${counted(entry.sources.length, 'source')}: ${names.join('; ')}`;
      const when = new Date(entry.time - new Date(entry.time).getTimezoneOffset() * 60_000).toISOString().slice(0, 16).replace('T', ' ');
      li.append(el('span', 'recent-what', what), el('span', 'recent-when', ` · removed ${when} `));
      const restore = actionButton('Restore', () => this.#onRestore(k), 'restore');
      restore.setAttribute('aria-label', `Restore ${what}`);
      li.append(restore);
      list.append(li);
    });
    const wasOpen = this.#recent.open;
    this.#recent.replaceChildren(summary, list);
    this.#recent.open = wasOpen;
  }

  /** Empty labels and dates show what the core found (the outlet, else the title; the
   *  byline date) as their value, marked as found; typing over one makes it the reader's own. */
  updatePlaceholders() {
    const digest = this.#digest();
    // A Digest of another list (a source was added or removed since) says nothing here.
    const current = digest && digest.sources.length === this.#sources().length ? digest : null;
    this.#panes.querySelectorAll('.source').forEach((pane, i) => {
      const found = current?.sources[i];
      const source = this.#sources()[i];
      const label = pane.querySelector('.field-text input');
      const foundLabel = !source?.label && found && (found.outlet || found.title);
      if (label) {
        label.placeholder = `Source ${i + 1}`;
        if (foundLabel && document.activeElement !== label && label.getRootNode().activeElement !== label) label.value = foundLabel;
        label.title = foundLabel ? `Found in the article: ${foundLabel}. Edit it to name the outlet yourself.` : '';
        label.classList.toggle('detected', Boolean(foundLabel));
      }
      const date = pane.querySelector('.field-date input');
      const detected = !source?.published && found?.published;
      if (date && detected) {
        date.value = found.published;
        date.title = 'Found in the article; change it if it is wrong';
      }
      date?.classList.toggle('detected', Boolean(detected));
    });
  }

  /** Files dropped anywhere on `frame` (.txt as they are, .html as their text) become sources. */
  acceptDrops(frame) {
    frame.addEventListener('dragover', (event) => {
      if (!this.#canDrop()) return;
      event.preventDefault();
      frame.classList.add('dragging');
    });
    frame.addEventListener('dragleave', () => frame.classList.remove('dragging'));
    frame.addEventListener('drop', async (event) => {
      if (!this.#canDrop()) return;
      event.preventDefault();
      frame.classList.remove('dragging');
      const files = [...(event.dataTransfer?.files || [])];
      const accepted = files.filter((f) => /\.(txt|html?)$/i.test(f.name));
      for (const file of accepted) {
        const raw = await file.text();
        this.#addSource(/\.html?$/i.test(file.name) ? htmlToText(raw) : raw);
      }
      if (accepted.length < files.length) this.#onNote('Only .txt and .html files can be added as sources.');
    });
  }

  /** Whether any pane is drawn. */
  get panesShown() {
    return this.#panes.childElementCount > 0;
  }

  /** One pane per source, drawn afresh. */
  renderPanes() {
    const panes = this.#sources().map((source, i) => {
      const pane = el('section', 'source');
      pane.setAttribute('aria-label', `Source ${i + 1}`);
      const head = el('div', 'source-head');
      const number = el('span', `badge badge-${i % 8}`, String(i + 1));
      number.setAttribute('aria-hidden', 'true');
      const label = this.#field('Label', 'text', source.label, (v) => { source.label = v; }, `Label of source ${i + 1}`);
      const date = this.#field('Published', 'date', source.published, (v) => { source.published = v; }, `Publication date of source ${i + 1}`);
      const remove = actionButton('Remove', () => this.#onRemove(i), 'remove');
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
        const note = el('p', 'hint', `Showing the first ${grouped(PREVIEW_CHARS)} of ${grouped(source.text.length)} characters; all of it is kept and analysed. `);
        note.append(actionButton('Edit full text', () => {
          this.#editingFull.add(source);
          this.renderPanes();
        }, 'edit-full'));
        pane.append(note);
      } else {
        text.value = source.text;
        text.addEventListener('input', () => { source.text = text.value; this.#onEdit(); });
        text.addEventListener('paste', (event) => this.#paste(event, text, source));
      }
      return pane;
    });
    this.#panes.replaceChildren(...panes);
    this.updatePlaceholders();
  }

  #field(name, type, value, onChange, ariaLabel) {
    const label = el('label', `field field-${type}`);
    const input = el('input');
    input.type = type;
    input.value = value || '';
    input.setAttribute('aria-label', ariaLabel);
    input.addEventListener('input', () => {
      input.classList.remove('detected');
      input.title = '';
      onChange(input.value);
      this.#onEdit();
    });
    label.append(`${name} `, input);
    return label;
  }

  #addSource(text = '', label = '') {
    this.#sources().push(toSource({ label, text }));
    this.renderPanes();
    this.#onEdit();
    const areas = this.#panes.querySelectorAll('textarea');
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
      this.renderPanes(); // as a preview
      this.#onEdit();
      return;
    }
    textarea.setRangeText(text, from, to, 'end');
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  }

  /** Moves the focus to the remove button of pane `i` (or the last), or to "Add source". */
  focusPane(i) {
    const buttons = this.#panes.querySelectorAll('.remove');
    (buttons[Math.min(i, buttons.length - 1)] || this.section.querySelector('.add-source'))?.focus();
  }
}

/** The first line of `text`, cut short: a name for a source with no label. */
function firstLine(text) {
  const line = (text || '').trim().split('\n')[0];
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

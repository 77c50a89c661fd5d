// The source panes, the `editable` half of the widget: one pane per source (label,
// publication date, text), adding, removing and clearing sources, pasted or dropped
// HTML read as text, and a read-only preview of very long sources. It edits the
// element's list of sources in place and reports every edit; the element saves and
// analyses.
import { loadDemo } from './demo.js';
import { htmlToText } from './html-to-text.js';
import { actionButton, el } from './render.js';
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

  /**
   * `sources()`: the element's current list, which the panes edit in place;
   * `onEdit()`: the list changed in place (typing, a field, a source added or removed);
   * `onReplace(list)`: the reader asked for another list (the demo, or none);
   * `onNote(text)`: something to tell the reader; `digest()`: the latest Digest or null,
   * whose findings fill empty labels and dates; `canDrop()`: whether files may be dropped.
   */
  constructor({ sources, onEdit, onReplace, onNote, digest, canDrop }) {
    this.#sources = sources;
    this.#onEdit = onEdit;
    this.#onReplace = onReplace;
    this.#onNote = onNote;
    this.#digest = digest;
    this.#canDrop = canDrop;
    this.section = el('section', 'inputs');
    this.section.setAttribute('aria-label', 'Sources');
    const head = el('div', 'section-head');
    const actions = el('div', 'actions');
    actions.append(
      actionButton('Add source', () => this.#addSource(), 'add-source'),
      actionButton('Load demo', async () => this.#onReplace(await loadDemo()), 'load-demo'),
      actionButton('Clear all', () => this.#clearAll(), 'clear-all'),
    );
    head.append(el('h2', '', 'Sources'), actions);
    this.#panes = el('div', 'panes');
    const dropHint = el('p', 'hint', 'Paste text or a web page into a source, or drop .txt and .html files here.');
    this.section.append(head, dropHint, this.#panes);
  }

  /** Empty labels and dates show what the core found: the outlet (else the title) and
   *  the byline date. Typing over them makes them the reader's own. */
  updatePlaceholders() {
    this.#panes.querySelectorAll('.source').forEach((pane, i) => {
      const found = this.#digest()?.sources[i];
      const label = pane.querySelector('.field-text input');
      if (label) label.placeholder = (found && (found.outlet || found.title)) || `Source ${i + 1}`;
      const date = pane.querySelector('.field-date input');
      const detected = !this.#sources()[i]?.published && found?.published;
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
      const remove = actionButton('Remove', () => {
        this.#sources().splice(i, 1);
        this.renderPanes();
        this.#onEdit();
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
    input.addEventListener('input', () => { onChange(input.value); this.#onEdit(); });
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

  #clearAll() {
    if (!this.#sources().length) return;
    if (!window.confirm('Remove every source? This cannot be undone.')) return;
    this.#onReplace([]);
  }
}

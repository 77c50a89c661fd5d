// Small pieces every view of the widget is built from: elements made with textContent
// only (pasted text never reaches the DOM through HTML parsing), source names and
// badges, counted nouns, and the view limits that come with each answer.

/** Entity types in legend order, with their display names. */
export const ENTITY_TYPES = [
  ['PER', 'person'], ['ORG', 'organisation'], ['LOC', 'place'], ['MISC', 'other name'],
  ['DATE', 'date'], ['TIME', 'time'], ['MONEY', 'money'], ['PERCENT', 'percent'], ['QUANTITY', 'quantity'],
];

/** A new element with an optional class and text (set as text, never parsed). */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * Unseen text in each font size and weight the account's first screen uses (the
 * statements, badges, the legend, story headings, speaker tags), laid out with the
 * element's first frame.
 * The browser looks a font up the first time text needs it, by asking the browser
 * process; during the first analysis V8 optimises the module on the other threads and
 * those answers come slowly, so the frame that shows the account waited 40 ms for
 * them (docs/BENCHMARKS.md, "First render"). Looked up here, while the module loads,
 * they are ready. Removed once the account is on screen.
 */
export function fontWarmup() {
  const box = el('div', 'font-warmup');
  box.setAttribute('aria-hidden', 'true');
  const spans = ['', 'badge', 'badge badge-small', 'legend-date', 'speaker-tag', 'story-number', 'story-sources', 'hint', 'remove'];
  box.append(...spans.map((c) => el('span', c, 'Aa1')), el('h2', '', 'Aa1'), el('h3', 'legend-heading', 'Aa1'), el('h3', 'story-heading', 'Aa1'));
  return box;
}

/** A button (type "button", so never a form submit) with a class, a label and a click handler. */
export function actionButton(text, onClick, className) {
  const node = el('button', className, text);
  node.type = 'button';
  node.addEventListener('click', onClick);
  return node;
}

/** Nouns whose plural is not the noun and an "s". */
const PLURALS = { entity: 'entities', story: 'stories', quote: 'quotes', correction: 'corrections' };

/** `n` with commas between thousands ("1,234"). Not `toLocaleString`: its first call
 *  loads the locale's data, which took 35 to 60 ms of the first render. */
export const grouped = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** "1 source", "2 sources", "59 entities". */
export function counted(n, noun) {
  return `${grouped(n)} ${n === 1 ? noun : PLURALS[noun] || `${noun}s`}`;
}

/** The name shown for source `i`: its label, else its outlet or title, else "Source N". */
export function sourceName(digest, i) {
  const s = digest.sources[i];
  return ((s && (s.label || s.outlet || s.title)) || `Source ${i + 1}`).trim();
}

/** A small numbered source marker for lists and tables (not a control). */
export function sourceMark(digest, i) {
  const mark = el('span', `badge badge-small badge-${i % 8}`, String(i + 1));
  mark.setAttribute('role', 'img');
  mark.setAttribute('aria-label', `Source ${i + 1}: ${sourceName(digest, i)}`);
  mark.title = sourceName(digest, i);
  return mark;
}

/** The statements a sentence feeds: `statements` if the Digest lists several, else its one `statement`. */
export function statementsOf(sentence) {
  if (Array.isArray(sentence.statements)) return sentence.statements;
  return sentence.statement === null || sentence.statement === undefined ? [] : [sentence.statement];
}

/** Lower-case words (runs of letters and digits) of `text`. */
export const wordsOf = (text) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];

/** `text` on one line, cut at a word boundary to at most `max` characters, with "…" if cut. */
export function shorten(text, max) {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/u, '')}…`;
}

/** The first `limit` ranked statements of each story (the core lists each story's
 *  statements together, most important first), as the Markdown export lists them. */
export function topPerStory(digest, limit = Infinity) {
  const shown = new Map();
  return digest.statements.filter((st) => {
    const n = shown.get(st.story) || 0;
    shown.set(st.story, n + 1);
    return n < limit;
  });
}

/** How much the views show: the core's `viewLimits()`, set with each answer. */
let limits = { summary_length: 10, grid_rows: 25, index_limit: 40 };

/** Takes the view limits that came with an answer (`WeaveClient#weave`). */
export function setViewLimits(value) {
  if (value) limits = value;
}

export function viewLimits() {
  return limits;
}

const DETAIL_NAMES = { DATE: 'dates', TIME: 'times', MONEY: 'amounts', PERCENT: 'percentages', QUANTITY: 'numbers' };

/** What a detail type is called in "sources differ on …". */
export const detailName = (type) => DETAIL_NAMES[type] || type.toLowerCase();

/**
 * One detail as written and, for a date whose words do not say the day, the day it
 * resolves to ("Friday (2024-11-01)"), so that "Friday" and "Nov. 1" are seen to agree.
 * The same rule as `SourceDetail::given` in the core (the Markdown account).
 */
export function detailAsGiven(type, text, value) {
  return type === 'DATE' && /^\d/.test(value || '') && !text.includes(value) ? `${text} (${value})` : text;
}

/** A `<details>` whose body is built by `fill()` when first opened, so a closed one
 *  costs a render nothing (a click on the summary, by mouse or keyboard, comes before
 *  the opening; `toggle` covers opening from script). */
export function lazyDetails(className, summary, fill) {
  const details = el('details', className);
  details.append(summary);
  let filled = false;
  const open = () => {
    if (filled) return;
    filled = true;
    details.append(fill());
  };
  summary.addEventListener('click', open);
  details.addEventListener('toggle', open);
  details.fill = open;
  return details;
}

/** Resolves once the browser has had a chance to paint what is drawn so far (after the
 *  next frame; at once in a hidden page, which paints no frames). A timer alone does
 *  not wait for the paint: the browser may run it first. */
export function afterPaint() {
  return new Promise((resolve) => {
    if (document.hidden) setTimeout(resolve, 0);
    else requestAnimationFrame(() => setTimeout(resolve, 0));
  });
}

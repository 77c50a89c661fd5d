// Builds the merged account from a Digest. Every piece of pasted text reaches the
// DOM through textContent or a data attribute, never through HTML parsing.

/** Entity types in legend order, with their display names. */
export const ENTITY_TYPES = [
  ['PER', 'person'], ['ORG', 'organisation'], ['LOC', 'place'], ['MISC', 'other name'],
  ['DATE', 'date'], ['TIME', 'time'], ['MONEY', 'money'], ['PERCENT', 'percent'], ['QUANTITY', 'quantity'],
];

/** The name shown for source `i`: its label, else its outlet or title, else "Source N". */
export function sourceName(digest, i) {
  const s = digest.sources[i];
  return (s.label || s.outlet || s.title || `Source ${i + 1}`).trim();
}

/** A new element with an optional class and text (set as text, never parsed). */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A button (type "button", so never a form submit) with a class, a label and a click handler. */
export function actionButton(text, onClick, className) {
  const node = el('button', className, text);
  node.type = 'button';
  node.addEventListener('click', onClick);
  return node;
}

/** Mentions grouped by source and sorted by start, each with its entity. */
function mentionsBySource(digest) {
  const bySource = new Map();
  for (const entity of digest.entities) {
    for (const m of entity.mentions) {
      if (!bySource.has(m.source)) bySource.set(m.source, []);
      bySource.get(m.source).push({ start: m.start, end: m.end, entity });
    }
  }
  for (const list of bySource.values()) list.sort((a, b) => a.start - b.start);
  return bySource;
}

/** The sentence's text with entity mentions wrapped in typed <mark>s. */
function highlighted(sentence, mentions) {
  const fragment = document.createDocumentFragment();
  let cursor = sentence.start;
  for (const m of mentions) {
    if (m.start < cursor || m.end > sentence.end) continue;
    if (m.start > cursor) fragment.append(sentence.text.slice(cursor - sentence.start, m.start - sentence.start));
    const mark = el('mark', `ent ent-${m.entity.type}`, sentence.text.slice(m.start - sentence.start, m.end - sentence.start));
    mark.title = `${m.entity.name} (${m.entity.type})`;
    mark.dataset.entity = String(m.entity.id);
    fragment.append(mark);
    cursor = m.end;
  }
  fragment.append(sentence.text.slice(cursor - sentence.start));
  return fragment;
}

/** A numbered, coloured badge for source `i` that carries that source's own sentence. */
function badge(digest, i, ownSentence) {
  const button = el('button', `badge badge-${i % 8}`, String(i + 1));
  button.type = 'button';
  const name = sourceName(digest, i);
  button.setAttribute('aria-label', `Source ${i + 1}: ${name}`);
  button.dataset.source = String(i);
  button.dataset.heading = `${i + 1}. ${name}`;
  button.dataset.sentence = ownSentence;
  return button;
}

const wordsOf = (text) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];

/** Each source's own wording of a statement, its words that the representative
 *  wording lacks highlighted. */
function renderWordings(digest, statement) {
  const details = el('details', 'wording');
  const summary = el('summary', 'marker', 'wording differs');
  details.append(summary);
  // The versions are built when first opened: a closed list costs the first render
  // nothing (a click on the summary, by mouse or keyboard, comes before the opening;
  // `toggle` covers opening from script).
  const fill = () => {
    if (!details.querySelector('.wording-list')) details.append(wordingList(digest, statement));
  };
  summary.addEventListener('click', fill);
  details.addEventListener('toggle', fill);
  return details;
}

/** Source `source`'s first sentence among the statement's members (undefined if none). */
function ownWording(digest, statement, source) {
  return statement.sentences.map((k) => digest.sentences[k]).find((x) => x.source === source);
}

/** Each source's own wording of `statement`, the words its representative lacks marked. */
function wordingList(digest, statement) {
  const rep = new Set(wordsOf(digest.sentences[statement.representative].text));
  const list = el('ul', 'wording-list');
  for (const s of statement.sources) {
    const own = ownWording(digest, statement, s);
    if (!own) continue;
    const li = el('li');
    li.append(sourceMark(digest, s), ' ');
    // Split into words and the text between them; highlight words the representative lacks.
    for (const part of own.text.split(/([\p{L}\p{N}]+)/u)) {
      if (/^[\p{L}\p{N}]+$/u.test(part) && !rep.has(part.toLowerCase())) li.append(el('ins', 'diff', part));
      else if (part) li.append(part);
    }
    list.append(li);
  }
  return list;
}

const DETAIL_NAMES = { DATE: 'dates', TIME: 'times', MONEY: 'amounts', PERCENT: 'percentages', QUANTITY: 'numbers' };

/**
 * One detail as written and, for a date whose words do not say the day, the day it
 * resolves to ("Friday (2024-11-01)"), so that "Friday" and "Nov. 1" are seen to agree.
 * The same rule as `SourceDetail::given` in the core (the Markdown account).
 */
export function detailAsGiven(type, text, value) {
  return type === 'DATE' && /^\d/.test(value || '') && !text.includes(value) ? `${text} (${value})` : text;
}

/** Dates and numbers on which the statement's sources differ, source by source. */
function renderDisagreements(digest, statement, open = false) {
  const details = el('details', 'disagreement');
  details.open = open;
  const kinds = statement.disagreements.map((d) => DETAIL_NAMES[d.type] || d.type.toLowerCase());
  details.append(el('summary', 'marker marker-differ', `sources differ on ${kinds.join(', ')}`));
  const list = el('ul', 'wording-list');
  for (const d of statement.disagreements) {
    for (const b of d.by_source) {
      const li = el('li');
      const given = b.texts.map((text, i) => detailAsGiven(d.type, text, b.values[i]));
      li.append(sourceMark(digest, b.source), ` ${DETAIL_NAMES[d.type] || d.type}: ${given.length ? given.join(', ') : '(none given)'}`);
      list.append(li);
    }
  }
  details.append(list);
  return details;
}

/** A small numbered source marker for lists and tables (not a control). */
export function sourceMark(digest, i) {
  const mark = el('span', `badge badge-small badge-${i % 8}`, String(i + 1));
  mark.setAttribute('role', 'img');
  mark.setAttribute('aria-label', `Source ${i + 1}: ${sourceName(digest, i)}`);
  mark.title = sourceName(digest, i);
  return mark;
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

/** Renders the first `limit` ranked statements of each story of `digest` into the list `ol`. */
export function renderStatements(ol, digest, limit = Infinity) {
  const bySource = mentionsBySource(digest);
  const manyStories = digest.stories && digest.stories.length > 1;
  let story = -1;
  const items = topPerStory(digest, limit).map((statement) => {
    const li = el('li', 'statement');
    if (manyStories && statement.story !== story) {
      // Unrelated articles get accounts of their own: a heading where each story starts.
      story = statement.story;
      const names = digest.stories[story].sources.map((s) => sourceName(digest, s)).join(', ');
      li.append(el('h3', 'story-heading', `Story ${story + 1}: ${names}`));
    }
    li.dataset.statement = String(statement.id);
    const rep = digest.sentences[statement.representative];
    const text = el('p', 'statement-text');
    const mentions = (bySource.get(rep.source) || []).filter((m) => m.start >= rep.start && m.end <= rep.end);
    text.append(highlighted(rep, mentions));
    const badges = el('span', 'badges');
    const count = statement.sources.length;
    badges.append(el('span', 'visually-hidden', `Reported by ${count} source${count === 1 ? '' : 's'}:`));
    for (const s of statement.sources) {
      const own = ownWording(digest, statement, s);
      badges.append(badge(digest, s, own ? own.text : rep.text));
    }
    const many = el('span', 'source-count', count === 1 ? '1 source' : `${count} sources`);
    many.setAttribute('aria-hidden', 'true');
    li.append(text, badges, many);
    if (statement.wording_differs) li.append(renderWordings(digest, statement));
    if (statement.disagreements && statement.disagreements.length) li.append(renderDisagreements(digest, statement));
    return li;
  });
  ol.replaceChildren(...items);
}

/** The colour legend for entity highlights. */
export function renderLegend(container) {
  const items = ENTITY_TYPES.map(([type, name]) => {
    const item = el('span', 'legend-item');
    item.append(el('mark', `ent ent-${type}`, type), ` ${name}`);
    return item;
  });
  container.replaceChildren(el('span', 'legend-title', 'Highlights:'), ...items);
}

/**
 * Quotes by speaker: each quote once, with the sources that carry it; a quote that
 * outlets word differently (the core's `group`) shows its other wordings as variants.
 */
export function renderQuotes(container, digest) {
  const groups = new Map();
  for (const q of digest.quotes) {
    if (!groups.has(q.group)) groups.set(q.group, { speaker: null, variants: new Map() });
    const group = groups.get(q.group);
    // The first speaker named: an unattributed passage joins the quote it repeats.
    if (group.speaker === null && q.speaker !== null && q.speaker !== undefined) group.speaker = q.speaker;
    // Wordings that differ only in case, spacing or punctuation are one (as in the core).
    const key = wordsOf(q.text).join(' ');
    if (!group.variants.has(key)) group.variants.set(key, { wording: q.text.replace(/\s+/g, ' ').trim(), sources: new Set() });
    group.variants.get(key).sources.add(q.source);
  }
  const items = [...groups.values()].map((g) => {
    const li = el('li', 'quote');
    const who = g.speaker === null ? 'Unattributed' : digest.entities[g.speaker].name;
    li.append(el('span', 'quote-speaker', who));
    const [first, ...others] = [...g.variants.values()];
    const line = ({ wording, sources }) => {
      const p = el('p', 'quote-text');
      p.append(el('q', '', wording), ' ', ...[...sources].sort((a, b) => a - b).map((s) => sourceMark(digest, s)));
      return p;
    };
    li.append(line(first));
    if (others.length) {
      li.append(el('span', 'quote-variants', 'Worded differently:'));
      for (const variant of others) li.append(line(variant));
    }
    return li;
  });
  const list = el('ul', 'quote-list');
  list.append(...items);
  container.replaceChildren(list);
  return items.length;
}

/** Statements only one source reports, grouped by that source. */
export function renderSingleSource(container, digest) {
  const bySource = new Map();
  for (const st of digest.statements) {
    if (st.sources.length !== 1) continue;
    const s = st.sources[0];
    if (!bySource.has(s)) bySource.set(s, []);
    bySource.get(s).push(st);
  }
  const groups = [...bySource.keys()].sort((a, b) => a - b).map((s) => {
    const group = el('section', 'single-group');
    const heading = el('h4', '');
    heading.append(sourceMark(digest, s), ` ${sourceName(digest, s)}`);
    const list = el('ul', '');
    for (const st of bySource.get(s)) list.append(el('li', '', st.text));
    group.append(heading, list);
    return group;
  });
  container.replaceChildren(...groups);
  return groups.length;
}

/** Rows of a story's coverage grid, at most, whatever the account's length: the grid
 *  is to be taken in at a glance (the core's Markdown report stops at the same count). */
/** How much the views show: the core's `viewLimits()`, set with each answer. */
let limits = null;

/** Takes the view limits that came with an answer (`WeaveClient#weave`). */
export function setViewLimits(value) {
  limits = value;
}

/** Statements x sources tables, one per story: which of the story's sources report
 *  each of its first `limit` statements (at most the grid's rows). Returns the rows shown. */
export function renderCoverage(container, digest, limit) {
  const byStory = new Map();
  for (const st of topPerStory(digest, Math.min(limit, limits.grid_rows))) {
    if (!byStory.has(st.story)) byStory.set(st.story, []);
    byStory.get(st.story).push(st);
  }
  const manyStories = byStory.size > 1;
  let rows = 0;
  const tables = [...byStory].map(([story, statements]) => {
    const sources = digest.stories?.[story]?.sources ?? digest.sources.map((s) => s.index);
    const table = el('table', 'coverage');
    const title = manyStories ? `Story ${story + 1}: ${sources.map((s) => sourceName(digest, s)).join(', ')}` : 'Which sources report each statement';
    table.append(el('caption', manyStories ? 'coverage-story' : 'visually-hidden', title));
    const head = el('tr');
    head.append(el('th', '', 'Statement'));
    for (const s of sources) {
      const th = el('th', '');
      th.scope = 'col';
      th.append(sourceMark(digest, s));
      head.append(th);
    }
    const thead = el('thead');
    thead.append(head);
    const body = el('tbody');
    for (const st of statements) {
      const row = el('tr');
      const th = el('th', 'coverage-statement', `${st.rank}. ${st.text}`);
      th.scope = 'row';
      row.append(th);
      const reported = new Set(st.sources);
      for (const s of sources) {
        const cell = el('td', reported.has(s) ? 'covered' : 'not-covered');
        cell.append(el('span', 'visually-hidden', reported.has(s) ? 'reported' : 'not reported'));
        row.append(cell);
      }
      body.append(row);
    }
    rows += statements.length;
    table.append(thead, body);
    return table;
  });
  container.replaceChildren(...tables);
  return rows;
}

const INDEX_TYPES = [['PER', 'People'], ['ORG', 'Organisations'], ['LOC', 'Places'], ['DATE', 'Dates'], ['MISC', 'Other names']];

/** People, organisations, places, dates and other names, most mentioned first; each
 *  entry is a toggle button that highlights the entity's mentions in the account. */
export function renderEntityIndex(container, digest) {
  const sections = INDEX_TYPES.map(([type, title]) => {
    const entities = digest.entities.filter((e) => e.type === type).sort((a, b) => b.mentions.length - a.mentions.length);
    if (!entities.length) return null;
    const section = el('section', 'index-group');
    section.append(el('h4', '', `${title} (${entities.length})`));
    const list = el('ul', 'index-list');
    for (const e of entities.slice(0, limits.index_limit)) {
      const li = el('li', 'index-entry');
      const button = el('button', `index-name ent ent-${e.type}`, e.name);
      button.type = 'button';
      button.dataset.entity = String(e.id);
      button.setAttribute('aria-pressed', 'false');
      const details = el('span', 'index-details');
      const count = e.mentions.length;
      details.append(` ${count} mention${count === 1 ? '' : 's'}`);
      if (e.value && e.value !== e.name) details.append(` · ${e.value}`);
      if (e.aliases.length) details.append(` · also ${e.aliases.join(', ')}`);
      if (e.roles && e.roles.length) details.append(` · ${e.roles.join('; ')}`);
      if (e.related) details.append(` · of ${e.related}`);
      const sources = [...new Set(e.mentions.map((m) => m.source))].sort((a, b) => a - b);
      const marks = el('span', 'index-sources');
      marks.append(...sources.map((s) => sourceMark(digest, s)));
      li.append(button, details, marks);
      list.append(li);
    }
    section.append(list);
    if (entities.length > limits.index_limit) section.append(el('p', 'more', `and ${entities.length - limits.index_limit} more`));
    return section;
  }).filter(Boolean);
  container.replaceChildren(...sections);
  return sections.length;
}

/** Dates with a normalised value on a small timeline, earliest first. */
export function renderTimeline(container, digest) {
  const dated = digest.entities
    .filter((e) => e.type === 'DATE' && /^\d{4}(-\d{2}){0,2}$/.test(e.value || ''))
    .sort((a, b) => a.value.localeCompare(b.value));
  if (!dated.length) {
    container.replaceChildren();
    return 0;
  }
  const time = (v) => Date.parse(v.length === 4 ? `${v}-01-01` : v.length === 7 ? `${v}-01` : v);
  const first = time(dated[0].value);
  const span = Math.max(1, time(dated[dated.length - 1].value) - first);
  const axis = el('div', 'timeline-axis');
  axis.setAttribute('aria-hidden', 'true');
  const list = el('ol', 'timeline-list');
  for (const e of dated) {
    const dot = el('span', 'timeline-dot');
    dot.style.left = `${((time(e.value) - first) / span) * 100}%`;
    dot.title = `${e.value}: ${e.name}`;
    axis.append(dot);
    const li = el('li', '');
    const when = el('time', '', e.value);
    when.dateTime = e.value;
    const sources = [...new Set(e.mentions.map((m) => m.source))].sort((a, b) => a - b);
    li.append(when, ` ${e.name} `, ...sources.map((s) => sourceMark(digest, s)));
    list.append(li);
  }
  container.replaceChildren(axis, list);
  return dated.length;
}

/** Statements whose sources differ on dates or numbers, most important first. */
export function renderDisagreementList(container, digest) {
  const list = el('ul', 'disagreement-list');
  for (const st of digest.statements.filter((x) => x.disagreements && x.disagreements.length)) {
    const li = el('li');
    li.append(el('span', '', `${st.rank}. ${st.text}`), renderDisagreements(digest, st, true));
    list.append(li);
  }
  container.replaceChildren(list);
  return list.children.length;
}

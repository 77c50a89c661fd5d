// The panels around the account: quotes by speaker, what only one source reports,
// where sources differ, the coverage grid, the entity index, the timeline and the
// highlight legend. Each returns how many entries it has (its count in the panel's
// heading); panels that start closed are filled when first opened.
import { renderDisagreements, storiesInOrder } from './statements.js';
import {
  ENTITY_TYPES, counted, el, shorten, sourceMark, sourceName, statementsOf, topPerStory, viewLimits, wordsOf,
} from './render.js';

/** A quote shorter than this (in words) is a scare quote or a fragment, not listed. */
const QUOTE_WORDS = 4;

/** A link to a statement in the account (`goTo(id)` scrolls there). */
export function statementLink(statement, text, goTo) {
  const link = el('a', 'go-statement', text);
  link.href = `#st-${statement.id}`;
  link.addEventListener('click', (event) => {
    event.preventDefault();
    goTo(statement.id);
  });
  return link;
}

/**
 * Quotes, one entry per quote with every outlet's wording: the core's groups, and a
 * quote that another (in the same story) repeats whole joined to it, so "first
 * agreement of this nature" and "the first agreement of this nature" are one entry.
 * Scare quotes and fragments (under QUOTE_WORDS words) are left out. Attributed quotes
 * first, in the order they appear, then those whose speaker was not found.
 */
export function quoteEntries(digest) {
  const storyOf = new Map();
  for (const s of digest.stories || []) for (const i of s.sources) storyOf.set(i, s.id);
  const groups = new Map();
  for (const q of digest.quotes) {
    if (!groups.has(q.group)) groups.set(q.group, { speaker: null, story: storyOf.get(q.source) ?? 0, wordings: new Map(), into: null });
    const g = groups.get(q.group);
    if (g.speaker === null && q.speaker !== null && q.speaker !== undefined) g.speaker = q.speaker;
    const words = wordsOf(q.text);
    const key = words.join(' ');
    if (!g.wordings.has(key)) g.wordings.set(key, { text: q.text.replace(/\s+/g, ' ').trim(), words, sources: new Set() });
    g.wordings.get(key).sources.add(q.source);
  }
  const list = [...groups.values()];
  for (const g of list) g.longest = Math.max(...[...g.wordings.values()].map((w) => w.words.length));
  // Join a quote into a longer one that contains it word for word: looked up by the
  // first three words of the shorter, so the work stays linear in the words.
  const byTrigram = new Map();
  for (const g of list) {
    for (const w of g.wordings.values()) {
      for (let k = 0; k + 3 <= w.words.length; k += 1) {
        const key = `${g.story} ${w.words.slice(k, k + 3).join(' ')}`;
        if (!byTrigram.has(key)) byTrigram.set(key, []);
        const at = byTrigram.get(key);
        if (at.length < 8 && !at.includes(g)) at.push(g);
      }
    }
  }
  const root = (g) => {
    let r = g;
    while (r.into) r = r.into;
    return r;
  };
  for (const g of [...list].sort((a, b) => a.longest - b.longest)) {
    if (g.longest < 3) continue;
    const short = [...g.wordings.values()].find((w) => w.words.length === g.longest);
    const candidates = byTrigram.get(`${g.story} ${short.words.slice(0, 3).join(' ')}`) || [];
    const phrase = ` ${short.words.join(' ')} `;
    const host = candidates.map(root).find((c) => c !== g && root(c) !== g && c.longest > g.longest
      && (g.speaker === null || c.speaker === null || g.speaker === c.speaker)
      && [...c.wordings.values()].some((w) => ` ${w.words.join(' ')} `.includes(phrase)));
    if (!host) continue;
    g.into = host;
    if (host.speaker === null) host.speaker = g.speaker;
    for (const [key, w] of g.wordings) {
      if (!host.wordings.has(key)) host.wordings.set(key, { ...w, sources: new Set(w.sources) });
      else for (const s of w.sources) host.wordings.get(key).sources.add(s);
    }
  }
  const kept = list.filter((g) => !g.into && g.longest >= QUOTE_WORDS);
  const entries = kept.map((g) => ({
    speaker: g.speaker,
    // The longest wording first: the fullest form of the quote.
    wordings: [...g.wordings.values()].sort((a, b) => b.words.length - a.words.length)
      .map((w) => ({ text: w.text, sources: [...w.sources].sort((a, b) => a - b) })),
  }));
  return [...entries.filter((e) => e.speaker !== null), ...entries.filter((e) => e.speaker === null)];
}

/** Draws `entries` (quoteEntries) into `container`. */
export function renderQuotes(container, digest, entries) {
  const line = ({ text, sources }) => {
    const p = el('p', 'quote-text');
    p.append(el('q', '', text), ' ', ...sources.map((s) => sourceMark(digest, s)));
    return p;
  };
  const list = el('ul', 'quote-list');
  let unnamed = false;
  for (const entry of entries) {
    if (entry.speaker === null && !unnamed) {
      unnamed = true;
      list.append(el('li', 'quote-unnamed', 'Speaker not found:'));
    }
    const li = el('li', 'quote');
    if (entry.speaker !== null) li.append(el('span', 'quote-speaker', digest.entities[entry.speaker].name));
    const [first, ...others] = entry.wordings;
    li.append(line(first));
    if (others.length) {
      li.append(el('span', 'quote-variants', 'Worded differently:'));
      for (const variant of others) li.append(line(variant));
    }
    list.append(li);
  }
  container.replaceChildren(list);
}

/** Statements only one source reports, grouped by that source. */
export function renderSingleSource(container, digest, goTo) {
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
    for (const st of bySource.get(s)) {
      const li = el('li');
      li.append(statementLink(st, st.text, goTo));
      list.append(li);
    }
    group.append(heading, list);
    return group;
  });
  container.replaceChildren(...groups);
}

/** Statements whose sources differ on dates or numbers, most important first. */
export function renderDisagreementList(container, digest, goTo) {
  const list = el('ul', 'disagreement-list');
  for (const st of digest.statements.filter((x) => x.disagreements && x.disagreements.length)) {
    const li = el('li');
    li.append(statementLink(st, st.text, goTo), ' ', renderDisagreements(digest, st, true));
    list.append(li);
  }
  container.replaceChildren(list);
}

/** Statements x sources tables, one per story: which of the story's sources report
 *  each of its first `limit` statements (at most the grid's rows). Each row shows its
 *  whole statement, numbered as in the account, and links to it. Returns the rows shown. */
export function renderCoverage(container, digest, limit, goTo) {
  const stories = storiesInOrder(digest).filter((s) => s.statements.length);
  const many = stories.length > 1;
  let rows = 0;
  const tables = stories.map((story) => {
    const statements = topPerStory({ statements: story.statements }, Math.min(limit, viewLimits().grid_rows));
    const table = el('table', 'coverage');
    table.append(el('caption', many ? 'coverage-story' : 'visually-hidden', many ? `Story ${story.number}: ${story.title}` : 'Which sources report each statement'));
    const head = el('tr');
    head.append(el('th', 'coverage-corner', 'Statement'));
    for (const s of story.sources) {
      const th = el('th', '');
      th.scope = 'col';
      th.append(sourceMark(digest, s));
      head.append(th);
    }
    const thead = el('thead');
    thead.append(head);
    const body = el('tbody');
    statements.forEach((st, k) => {
      const row = el('tr');
      const th = el('th', 'coverage-statement');
      th.scope = 'row';
      th.append(statementLink(st, `${k + 1}. ${st.text}`, goTo));
      row.append(th);
      const reported = new Set(st.sources);
      for (const s of story.sources) {
        const cell = el('td', reported.has(s) ? 'covered' : 'not-covered');
        cell.append(el('span', 'visually-hidden', reported.has(s) ? 'reported' : 'not reported'));
        row.append(cell);
      }
      body.append(row);
    });
    rows += statements.length;
    table.append(thead, body);
    return table;
  });
  container.replaceChildren(...tables);
  return rows;
}

const INDEX_TYPES = [['PER', 'People'], ['ORG', 'Organisations'], ['LOC', 'Places'], ['DATE', 'Dates'], ['MISC', 'Other names']];

/** How many entities the index lists (and counts in its heading). */
export function indexCount(digest) {
  const types = new Set(INDEX_TYPES.map(([t]) => t));
  return digest.entities.filter((e) => types.has(e.type)).length;
}

/** People, organisations, places, dates and other names, most mentioned first; each
 *  entry is a toggle button that highlights the entity's mentions in the account. */
export function renderEntityIndex(container, digest) {
  const { index_limit: most } = viewLimits();
  const sections = INDEX_TYPES.map(([type, title]) => {
    const entities = digest.entities.filter((e) => e.type === type).sort((a, b) => b.mentions.length - a.mentions.length);
    if (!entities.length) return null;
    const section = el('section', 'index-group');
    section.append(el('h4', '', `${title} (${entities.length})`));
    const list = el('ul', 'index-list');
    for (const e of entities.slice(0, most)) {
      const li = el('li', 'index-entry');
      const button = el('button', `index-name ent ent-${e.type}`, e.name);
      button.type = 'button';
      button.dataset.entity = String(e.id);
      button.setAttribute('aria-pressed', 'false');
      const details = el('span', 'index-details');
      details.append(` ${counted(e.mentions.length, 'mention')}`);
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
    if (entities.length > most) section.append(el('p', 'more', `and ${entities.length - most} more`));
    return section;
  }).filter(Boolean);
  container.replaceChildren(...sections);
  return sections.length;
}

/** For each source, its sentences' starts (ascending) and indices: to find the sentence
 *  that holds an offset. */
function sentenceFinder(digest) {
  const bySource = new Map();
  digest.sentences.forEach((s, k) => {
    if (!bySource.has(s.source)) bySource.set(s.source, []);
    bySource.get(s.source).push(k);
  });
  return (source, offset) => {
    const list = bySource.get(source) || [];
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = digest.sentences[list[mid]];
      if (offset < s.start) hi = mid - 1;
      else if (offset >= s.end) lo = mid + 1;
      else return list[mid];
    }
    return undefined;
  };
}

const DATED = /^\d{4}(-\d{2}){0,2}$/;

/** Dates with a normalised value on a small timeline, earliest first, each with what
 *  happened on it: the most important statement that mentions it. */
export function renderTimeline(container, digest, goTo) {
  const dated = digest.entities
    .filter((e) => e.type === 'DATE' && DATED.test(e.value || ''))
    .sort((a, b) => a.value.localeCompare(b.value));
  if (!dated.length) {
    container.replaceChildren();
    return 0;
  }
  const find = sentenceFinder(digest);
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
    const statements = new Set();
    for (const m of e.mentions) {
      const k = find(m.source, m.start);
      if (k !== undefined) for (const id of statementsOf(digest.sentences[k])) statements.add(id);
    }
    const top = [...statements].sort((a, b) => a - b);
    li.append(when, ` ${e.name} `, ...sources.map((s) => sourceMark(digest, s)));
    if (top.length) {
      const what = el('p', 'timeline-what');
      const st = digest.statements[top[0]];
      if (st) what.append(statementLink(st, shorten(st.text, 160), goTo));
      if (top.length > 1) what.append(el('span', 'more', ` and ${counted(top.length - 1, 'more statement')}`));
      li.append(what);
    }
    list.append(li);
  }
  container.replaceChildren(axis, list);
  return dated.length;
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

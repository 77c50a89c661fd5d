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

/** Renders the ranked statements of `digest` into the list `ol`. */
export function renderStatements(ol, digest) {
  const bySource = mentionsBySource(digest);
  const items = digest.statements.map((statement) => {
    const li = el('li', 'statement');
    li.dataset.statement = String(statement.id);
    const rep = digest.sentences[statement.representative];
    const text = el('p', 'statement-text');
    const mentions = (bySource.get(rep.source) || []).filter((m) => m.start >= rep.start && m.end <= rep.end);
    text.append(highlighted(rep, mentions));
    const badges = el('span', 'badges');
    const count = statement.sources.length;
    badges.append(el('span', 'visually-hidden', `Reported by ${count} source${count === 1 ? '' : 's'}:`));
    for (const s of statement.sources) {
      const own = statement.sentences.map((k) => digest.sentences[k]).find((x) => x.source === s);
      badges.append(badge(digest, s, own ? own.text : rep.text));
    }
    li.append(text, badges);
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

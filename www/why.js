// "Why?" beneath a statement, once opened (this module is loaded then): what its
// wordings have in common (the words, the names, the numbers and dates, and how much of
// their wording they share, said in words), and the reader's two corrections: split a
// wording out, or join the statement with another of its story.
import { counted, el, shorten, sourceMark, wordsOf } from './render.js';

/** Words too common to say why two sentences were joined. */
const STOP = new Set(('a about after against all also an and any are as at be been before being but by can could did '
  + 'do does during for from had has have he her his how i if in into is it its just more most mr ms no not now of '
  + 'on one or other our out over said says say she so some such than that the their them then there these they '
  + 'this those through to under up us was we were what when where which while who will with would you your '
  + 's t also according told added well new').split(' '));

const NAMES = new Set(['PER', 'ORG', 'LOC', 'MISC']);

/** Entities mentioned within each sentence: per Digest, sentence index -> Set of entity ids. */
const mentionCache = new WeakMap();
function entitiesBySentence(digest) {
  if (mentionCache.has(digest.entities)) return mentionCache.get(digest.entities);
  const starts = new Map(); // source -> [[start, end, k]] of sentences, in order
  digest.sentences.forEach((s, k) => {
    if (!starts.has(s.source)) starts.set(s.source, []);
    starts.get(s.source).push([s.start, s.end, k]);
  });
  const out = new Map();
  for (const e of digest.entities) {
    for (const m of e.mentions) {
      const list = starts.get(m.source) || [];
      let lo = 0;
      let hi = list.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (m.start < list[mid][0]) hi = mid - 1;
        else if (m.start >= list[mid][1]) lo = mid + 1;
        else {
          const k = list[mid][2];
          if (!out.has(k)) out.set(k, new Set());
          out.get(k).add(e.id);
          break;
        }
      }
    }
  }
  mentionCache.set(digest.entities, out);
  return out;
}

const content = (text) => new Set(wordsOf(text).filter((w) => !STOP.has(w) && (w.length > 2 || /\d/.test(w))));

/**
 * Why the wordings of `statement` were joined: `{wordings, words, names, numbers,
 * overlap, alike}`. `words` are the content words every wording shares (or, among
 * more than two, most of them); `names` and `numbers` the entities two or more share;
 * `overlap` the mean share of words each wording has in common with the one shown.
 */
export function whyJoined(digest, statement) {
  const members = statement.sentences;
  const sets = members.map((k) => content(digest.sentences[k].text));
  const need = members.length <= 2 ? members.length : Math.ceil(members.length / 2 + 0.5);
  const tally = new Map();
  for (const set of sets) for (const w of set) tally.set(w, (tally.get(w) || 0) + 1);
  const words = [...tally].filter(([, n]) => n >= need).map(([w]) => w);
  const byEntity = new Map();
  const bySentence = entitiesBySentence(digest);
  for (const k of members) for (const id of bySentence.get(k) || []) byEntity.set(id, (byEntity.get(id) || 0) + 1);
  const shared = [...byEntity].filter(([, n]) => n >= 2).map(([id]) => digest.entities[id]);
  const names = shared.filter((e) => NAMES.has(e.type));
  const numbers = shared.filter((e) => !NAMES.has(e.type));
  // A name's words are said with the name, not again among the words.
  const named = new Set(shared.flatMap((e) => [e.name, ...(e.aliases || []), ...e.mentions.map((m) => m.text)]).flatMap(wordsOf));
  const plain = words.filter((w) => !named.has(w));
  const rep = sets[members.indexOf(statement.representative)] || sets[0];
  const others = sets.filter((s) => s !== rep);
  const jaccard = (a, b) => {
    let both = 0;
    for (const w of a) if (b.has(w)) both += 1;
    return both / Math.max(1, a.size + b.size - both);
  };
  const overlap = others.length ? others.reduce((n, s) => n + jaccard(rep, s), 0) / others.length : 1;
  const alike = overlap >= 0.75 ? 'nearly word for word'
    : overlap >= 0.45 ? 'largely in the same words'
      : 'the same fact in other words (joined by the paraphrase check, not by shared wording)';
  return { words: plain, names, numbers, overlap, alike };
}

/** "a, b and c". */
const listed = (items) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

/**
 * Fills `body` (the open "why?" marker of `statement`) with why its wordings were joined,
 * each wording with a way to its place in its source (`onShow(source, sentenceIndex,
 * button)`), and the reader's corrections: `onSplit(sentenceIndex)` and `onJoin(a, b)`
 * (statement ids).
 */
export function whyContent(body, digest, statement, { onShow, onSplit, onJoin }) {
  const parts = [];
  if (statement.sentences.length > 1) {
    const why = whyJoined(digest, statement);
    const p = el('p', 'why-summary');
    const said = [];
    if (why.words.length) said.push(`the words ${listed(why.words.slice(0, 12).map((w) => `“${w}”`))}${why.words.length > 12 ? ` (and ${why.words.length - 12} more)` : ''}`);
    if (why.names.length) said.push(`the ${why.names.length === 1 ? 'name' : 'names'} ${listed(why.names.map((e) => e.name))}`);
    if (why.numbers.length) said.push(`the ${why.numbers.length === 1 ? 'detail' : 'details'} ${listed(why.numbers.map((e) => (e.value && e.value !== e.name ? `${e.name} (${e.value})` : e.name)))}`);
    p.textContent = `${counted(statement.sentences.length, 'wording')} from ${counted(statement.sources.length, 'source')} joined as one fact. `
      + `They share ${said.length ? listed(said) : 'few words'}. `
      + `They say it ${why.alike}: ${Math.round(why.overlap * 100)} % of their words in common.`;
    const list = el('ul', 'why-members');
    for (const k of statement.sentences) {
      const s = digest.sentences[k];
      const li = el('li');
      li.append(sourceMark(digest, s.source), ' ', el('span', 'why-text', s.text), ' ');
      const show = el('button', 'show-in-source', 'Show in source');
      show.type = 'button';
      show.setAttribute('aria-label', `Show in source ${s.source + 1}`);
      show.addEventListener('click', () => onShow(s.source, k, show));
      const split = el('button', 'split', 'Split out');
      split.type = 'button';
      split.setAttribute('aria-label', `Split out source ${s.source + 1}'s wording from this statement`);
      split.addEventListener('click', () => onSplit(k));
      li.append(show, ' ', split);
      list.append(li);
    }
    parts.push(p, list);
  }
  // Join with another statement of the same story.
  const story = digest.statements.filter((st) => st.story === statement.story);
  if (story.length > 1) {
    const label = el('label', 'field why-join', 'Join with ');
    const select = el('select');
    select.setAttribute('aria-label', 'Statement to join with this one');
    story.forEach((st, k) => {
      if (st.id === statement.id) return;
      const option = el('option', '', `${k + 1}. ${shorten(st.text, 80)}`);
      option.value = String(st.id);
      select.append(option);
    });
    label.append(select);
    const join = el('button', 'join', 'Join');
    join.type = 'button';
    join.addEventListener('click', () => onJoin(statement.id, Number(select.value)));
    const row = el('p', 'why-actions');
    row.append(label, ' ', join);
    parts.push(row);
  }
  body.replaceChildren(...parts);
}

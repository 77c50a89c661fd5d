// The merged account itself: the key from badge number to outlet, the list of stories,
// and each story's statements, each with its source badges (one tab stop per
// statement, arrow keys between badges) and the markers beneath it. Large accounts are
// drawn in slices, the first at once and the rest in later tasks, so the page paints
// and answers input while a long list is still being built.
import {
  afterPaint, counted, detailAsGiven, detailName, el, lazyDetails, shorten, sourceMark, sourceName, topPerStory, wordsOf,
} from './render.js';

/** Statements drawn in the first slice; the rest follow in slices of SLICE. */
const FIRST_SLICE = 40;
const SLICE = 120;

/** Words that say nothing about which headline is central. */
const TITLE_STOP = new Set(('a an and as at be by for from has have in is it its of on or s says said that the '
  + 'their this to was were will with after over new').split(' '));

/**
 * The stories in the order the account shows them (the core lists the statements of
 * the largest story first), each with its number there (from 1), its short title, its
 * sources and its statements.
 */
export function storiesInOrder(digest) {
  const byStory = new Map();
  for (const st of digest.statements) {
    if (!byStory.has(st.story)) byStory.set(st.story, []);
    byStory.get(st.story).push(st);
  }
  const stories = digest.stories && digest.stories.length ? digest.stories : [{ id: 0, sources: digest.sources.map((s) => s.index) }];
  const order = [...byStory.keys()];
  for (const s of stories) if (!byStory.has(s.id)) order.push(s.id); // a story with no statement, last
  return order.map((id, k) => {
    const story = stories.find((s) => s.id === id) || { id, sources: [] };
    const statements = byStory.get(id) || [];
    return { id, number: k + 1, sources: story.sources, statements, title: storyTitle(digest, story.sources, statements) };
  });
}

/**
 * A story's short title: its most central headline (the one that shares the most words
 * with the story's other headlines), else its top statement cut short.
 */
export function storyTitle(digest, sources, statements) {
  const titles = sources.map((s) => digest.sources[s]?.title).filter(Boolean);
  if (titles.length) {
    const words = titles.map((t) => new Set(wordsOf(t).filter((w) => !TITLE_STOP.has(w))));
    let best = 0;
    let bestScore = -1;
    words.forEach((mine, k) => {
      let score = 0;
      words.forEach((other, j) => {
        if (j === k) return;
        for (const w of mine) if (other.has(w)) score += 1;
      });
      // Shared words per word: a long headline does not win by length alone.
      score /= Math.sqrt(mine.size || 1);
      if (score > bestScore) {
        best = k;
        bestScore = score;
      }
    });
    return shorten(titles[best], 90);
  }
  return statements.length ? shorten(statements[0].text, 90) : 'Untitled story';
}

/** The key from badge number to outlet: every source's badge, colour and name. Each
 *  name is a button that opens that source (`onOpen(source)`). */
export function renderSourceLegend(container, digest, onOpen) {
  const list = el('ul', 'source-legend-list');
  for (const s of digest.sources) {
    const li = el('li', 'source-legend-item');
    const name = sourceName(digest, s.index);
    const badge = el('span', `badge badge-small badge-${s.index % 8}`, String(s.index + 1));
    badge.setAttribute('aria-hidden', 'true');
    const open = el('button', 'legend-source', name);
    open.type = 'button';
    open.title = `Open source ${s.index + 1} as a whole`;
    open.setAttribute('aria-label', `Source ${s.index + 1}: ${name}. Open it as a whole`);
    open.dataset.source = String(s.index);
    open.addEventListener('click', () => onOpen(s.index));
    li.append(badge, open);
    if (s.published) li.append(el('span', 'legend-date', s.published));
    list.append(li);
  }
  container.replaceChildren(el('h3', 'legend-heading', 'Sources'), list);
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

/** Attributed quotes grouped by source, sorted by start. */
function quotesBySource(digest) {
  const bySource = new Map();
  for (const q of digest.quotes) {
    if (q.speaker === null || q.speaker === undefined) continue;
    if (!bySource.has(q.source)) bySource.set(q.source, []);
    bySource.get(q.source).push(q);
  }
  return bySource;
}

/** Binary search: the first item of `list` (sorted by start) that starts at or after `offset`. */
function firstFrom(list, offset) {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What lies in a sentence's span: its entity mentions, and the attributed quotes it holds. */
function within(list, sentence) {
  if (!list) return [];
  const out = [];
  for (let k = firstFrom(list, sentence.start); k < list.length && list[k].start < sentence.end; k += 1) {
    if (list[k].end <= sentence.end) out.push(list[k]);
  }
  return out;
}

/** A currency sign right before an amount belongs inside its highlight ("$5 billion"). */
const CURRENCY = /(?:US\$|[$€£¥₹])$/u;

/**
 * The sentence's text with entity mentions wrapped in typed <mark>s, and after each
 * attributed quote whose speaker the sentence does not name, the speaker.
 */
export function highlighted(digest, sentence, mentions, quotes = []) {
  const fragment = document.createDocumentFragment();
  const text = sentence.text;
  const at = (offset) => offset - sentence.start;
  const named = new Set(mentions.map((m) => m.entity.id));
  // Where a speaker goes: past the quote's closing mark (and a comma or stop before it).
  const tags = [];
  for (const q of quotes) {
    if (named.has(q.speaker) || !digest.entities[q.speaker]) continue;
    const after = /^[,.!?;:]*[”"’»]?/u.exec(text.slice(at(q.end)))[0].length;
    tags.push({ offset: at(q.end) + after, name: digest.entities[q.speaker].name });
  }
  let cursor = 0;
  let t = 0;
  const plain = (to) => {
    while (t < tags.length && tags[t].offset <= to) {
      if (tags[t].offset >= cursor) {
        fragment.append(text.slice(cursor, tags[t].offset));
        const tag = el('span', 'speaker-tag', `(${tags[t].name})`);
        tag.title = `Quoted speaker: ${tags[t].name}`;
        fragment.append(tag);
        cursor = tags[t].offset;
      }
      t += 1;
    }
    if (to > cursor) fragment.append(text.slice(cursor, to));
    cursor = Math.max(cursor, to);
  };
  for (const m of mentions) {
    let start = at(m.start);
    const end = at(m.end);
    if (start < cursor || end > text.length) continue;
    if (m.entity.type === 'MONEY') {
      const sign = CURRENCY.exec(text.slice(Math.max(cursor, start - 3), start));
      if (sign) start -= sign[0].length;
    }
    plain(start);
    const mark = el('mark', `ent ent-${m.entity.type}`, text.slice(start, end));
    mark.title = `${m.entity.name} (${m.entity.type})`;
    mark.dataset.entity = String(m.entity.id);
    fragment.append(mark);
    cursor = end;
  }
  plain(text.length);
  return fragment;
}

/** Source `source`'s first sentence among the statement's members (undefined if none). */
export function ownSentence(digest, statement, source) {
  return statement.sentences.find((i) => digest.sentences[i].source === source);
}

/** A numbered, coloured badge for source `i`, carrying that source's own sentence. */
function badge(digest, i, sentenceIndex, first) {
  const button = el('button', `badge badge-${i % 8}`, String(i + 1));
  button.type = 'button';
  const name = sourceName(digest, i);
  button.setAttribute('aria-label', `Source ${i + 1}: ${name}`);
  button.tabIndex = first ? 0 : -1;
  button.dataset.source = String(i);
  button.dataset.sentence = String(sentenceIndex);
  return button;
}

/**
 * Each source's own wording of `statement`, the words its representative lacks marked.
 * A wording that states the fact among more (a sentence whose own statement is another)
 * says so: its source is credited here for the shared part only.
 */
function wordingList(digest, statement) {
  const rep = new Set(wordsOf(digest.sentences[statement.representative].text));
  const list = el('ul', 'wording-list');
  for (const s of statement.sources) {
    const k = ownSentence(digest, statement, s);
    if (k === undefined) continue;
    const li = el('li');
    li.append(sourceMark(digest, s), ' ');
    // Split into words and the text between them; highlight words the representative lacks.
    for (const part of digest.sentences[k].text.split(/([\p{L}\p{N}]+)/u)) {
      if (/^[\p{L}\p{N}]+$/u.test(part) && !rep.has(part.toLowerCase())) li.append(el('ins', 'diff', part));
      else if (part) li.append(part);
    }
    if (digest.sentences[k].statement !== statement.id) {
      li.append(' ', el('span', 'wording-more', '(says more: credited for what the shown wording says)'));
    }
    list.append(li);
  }
  return list;
}

/** Dates and numbers on which the statement's sources differ, source by source. */
export function renderDisagreements(digest, statement, open = false) {
  const kinds = statement.disagreements.map((d) => detailName(d.type));
  const fill = () => {
    const list = el('ul', 'wording-list');
    for (const d of statement.disagreements) {
      for (const b of d.by_source) {
        const li = el('li');
        const given = b.texts.map((text, i) => detailAsGiven(d.type, text, b.values[i]));
        li.append(sourceMark(digest, b.source), ` ${detailName(d.type)}: ${given.length ? given.join(', ') : '(none given)'}`);
        list.append(li);
      }
    }
    return list;
  };
  const details = lazyDetails('disagreement', el('summary', 'marker marker-differ', `sources differ on ${kinds.join(', ')}`), fill);
  if (open) {
    details.fill();
    details.open = true;
  }
  return details;
}

/**
 * Draws the account into `container`: the first `limit` statements of each story, each
 * story under its own heading (with a list of stories first when there are several).
 * `ctx.explain(body, statement)`, if given, fills a statement's opened "why" marker.
 * Returns a promise that settles once every slice is drawn (or a newer draw began).
 */
export function renderAccount(container, digest, limit, ctx = {}) {
  const token = {};
  container.drawing = token;
  const bySource = mentionsBySource(digest);
  const quotes = quotesBySource(digest);
  const stories = storiesInOrder(digest).filter((s) => s.statements.length);
  const many = stories.length > 1;
  const parts = [];
  const lists = [];
  /** Each statement's number in its story's list. */
  const place = new Map();
  if (many) {
    const nav = el('nav', 'story-list');
    nav.setAttribute('aria-label', 'Stories');
    nav.append(el('h3', 'story-list-heading', counted(stories.length, 'story')));
    const ol = el('ol');
    for (const story of stories) {
      const li = el('li');
      const link = el('a', '', story.title);
      link.href = `#story-${story.number}`;
      link.dataset.story = String(story.number);
      li.append(link, el('span', 'story-meta', ` · ${counted(story.sources.length, 'source')}, ${counted(story.statements.length, 'statement')}`));
      ol.append(li);
    }
    nav.append(ol);
    nav.addEventListener('click', (event) => {
      const link = event.target.closest('a[data-story]');
      if (!link) return;
      event.preventDefault();
      const heading = container.querySelector(`#story-${link.dataset.story}`);
      heading?.scrollIntoView({ block: 'start' });
      heading?.focus({ preventScroll: true });
    });
    parts.push(nav);
  }
  for (const story of stories) {
    const shown = topPerStory({ statements: story.statements }, limit);
    const section = el('section', 'story');
    const ol = el('ol', 'statements');
    if (many) {
      const heading = el('h3', 'story-heading');
      heading.id = `story-${story.number}`;
      heading.tabIndex = -1;
      heading.append(el('span', 'story-number', `Story ${story.number}: `), story.title);
      const meta = el('p', 'story-sources');
      meta.append(`${counted(story.sources.length, 'source')}: `, ...story.sources.map((s) => sourceMark(digest, s)));
      section.append(heading, meta);
      section.setAttribute('aria-labelledby', heading.id);
    }
    section.append(ol);
    parts.push(section);
    lists.push([ol, shown]);
    shown.forEach((st, k) => place.set(st.id, k + 1));
  }
  container.replaceChildren(...parts);
  const item = (st) => statementItem(digest, st, place.get(st.id), bySource, quotes, ctx);
  // The first slice now, so the account paints at once; the rest in later tasks.
  let budget = FIRST_SLICE;
  const rest = [];
  for (const [ol, shown] of lists) {
    const now = shown.slice(0, Math.max(0, budget));
    budget -= now.length;
    ol.append(...now.map(item));
    if (now.length < shown.length) rest.push([ol, shown.slice(now.length)]);
  }
  if (!rest.length) return Promise.resolve(true);
  container.setAttribute('aria-busy', 'true');
  return new Promise((resolve) => {
    const step = () => {
      if (container.drawing !== token) {
        resolve(false);
        return;
      }
      let n = SLICE;
      while (n > 0 && rest.length) {
        const [ol, left] = rest[0];
        const now = left.splice(0, n);
        ol.append(...now.map(item));
        n -= now.length;
        if (!left.length) rest.shift();
      }
      if (rest.length) setTimeout(step, 0);
      else {
        container.removeAttribute('aria-busy');
        resolve(true);
      }
    };
    afterPaint().then(step);
  });
}

/** One statement of the account, number `number` of its story. */
function statementItem(digest, statement, number, bySource, quotes, ctx) {
  const li = el('li', 'statement');
  // The number is drawn as text, not as the list's marker: a statement out of view is
  // not painted (content-visibility), and that would take an outside marker with it.
  // The list itself still numbers its items for screen readers.
  const n = el('span', 'statement-number', `${number}.`);
  n.setAttribute('aria-hidden', 'true');
  li.append(n);
  li.id = `st-${statement.id}`;
  li.tabIndex = -1; // a target for "go to statement", not a tab stop
  li.dataset.statement = String(statement.id);
  const rep = digest.sentences[statement.representative];
  const text = el('p', 'statement-text');
  text.append(highlighted(digest, rep, within(bySource.get(rep.source), rep), within(quotes.get(rep.source), rep)));
  const badges = el('span', 'badges');
  const count = statement.sources.length;
  badges.setAttribute('role', 'group');
  badges.setAttribute('aria-label', `Reported by ${counted(count, 'source')}; arrow keys move between them`);
  statement.sources.forEach((s, k) => {
    const own = ownSentence(digest, statement, s);
    badges.append(badge(digest, s, own === undefined ? statement.representative : own, k === 0));
  });
  const many = el('span', 'source-count', counted(count, 'source'));
  many.setAttribute('aria-hidden', 'true');
  li.append(text, badges, many);
  if (statement.override) li.append(el('span', 'marker marker-override', statement.override === 'split' ? 'split out by you' : 'joined by you'));
  if (statement.wording_differs) {
    li.append(lazyDetails('wording', el('summary', 'marker', 'wording differs'), () => wordingList(digest, statement)));
  }
  if (statement.disagreements && statement.disagreements.length) li.append(renderDisagreements(digest, statement));
  if (ctx.explain) li.append(whyMarker(statement, ctx.explain));
  return li;
}

/** The "why joined?" marker of a statement ("join…" for one of a single wording); its
 *  body is filled when opened, by `explain(body, statement)`. */
function whyMarker(statement, explain) {
  const summary = el('summary', 'marker marker-why', statement.sentences.length > 1 ? 'why joined?' : 'join…');
  return lazyDetails('why', summary, () => {
    const body = el('div', 'why-body');
    body.setAttribute('aria-busy', 'true');
    explain(body, statement);
    return body;
  });
}

/**
 * Badges are one tab stop per statement: the arrow keys, Home and End move between a
 * statement's badges (a roving tabindex), so Tab goes from statement to statement.
 */
export function badgeKeys(container) {
  container.addEventListener('keydown', (event) => {
    const current = event.target.closest?.('.badges .badge');
    if (!current) return;
    const all = [...current.parentElement.querySelectorAll('.badge')];
    const k = all.indexOf(current);
    const next = { ArrowRight: k + 1, ArrowDown: k + 1, ArrowLeft: k - 1, ArrowUp: k - 1, Home: 0, End: all.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = all[(next + all.length) % all.length];
    current.tabIndex = -1;
    target.tabIndex = 0;
    target.focus();
  });
}

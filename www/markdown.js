// The Markdown export with the reader's corrections in it. The core writes the report
// (`lastMarkdown`: what `newsweave merge` prints) from the Digest it made, which knows
// nothing of the reader's splits and joins. The corrections change only the stories'
// parts (the ranked statements, what one source reports, the coverage grid), so this
// module writes those parts as the core does (src/digest/markdown.rs, ported line for
// line) from the corrected Digest and keeps the rest of the core's report (entity
// index, timeline, footnotes). It checks itself: the stories' parts it writes for the
// uncorrected Digest must be exactly the start of the core's report, else the core's
// report is given unchanged with a note.
import { viewLimits } from './render.js';

const ALNUM = /[\p{Alphabetic}\p{N}]/u;
const isAlnum = (c) => ALNUM.test(c);

/** `core::text::wording_hash`'s key: the letters and digits, lower-cased. */
const wordingKey = (s) => [...s].filter(isAlnum).map((c) => c.toLowerCase()).join('');

/** Runs of letters and digits. */
const words = (text) => text.split(/[^\p{Alphabetic}\p{N}]+/u).filter(Boolean);

const oneLine = (text) => text.split(/\s+/).filter(Boolean).join(' ');

/** Every character Markdown could read as markup escaped, spacing kept; an underscore
 *  inside a word stays as it is. */
function escapeMarkup(text) {
  const chars = [...text];
  let out = '';
  let previous = ' ';
  chars.forEach((c, i) => {
    const intraword = c === '_' && isAlnum(previous) && i + 1 < chars.length && isAlnum(chars[i + 1]);
    if (!intraword && '\\`*_[]<>#|~&!'.includes(c)) out += '\\';
    out += c;
    previous = c;
  });
  return out;
}

const escape = (text) => escapeMarkup(oneLine(text));

const cite = (sources) => sources.map((s) => `[^${s + 1}]`).join('');

const DETAIL = {
  DATE: 'dates', TIME: 'times', MONEY: 'amounts', PERCENT: 'percentages', QUANTITY: 'numbers',
  PER: 'people', ORG: 'organisations', LOC: 'places', MISC: 'names',
};

function closeBold(out) {
  return out.endsWith(' ') ? `${out.slice(0, -1)}** ` : `${out}**`;
}

/** `text` escaped, each run of words `known` lacks in bold. */
function marked(text, known) {
  const chars = [...oneLine(text)];
  let out = '';
  let bold = false;
  let i = 0;
  while (i < chars.length) {
    let j = i;
    while (j < chars.length && isAlnum(chars[j])) j += 1;
    if (j > i) {
      const word = chars.slice(i, j).join('');
      const fresh = !known.has(wordingKey(word));
      if (fresh && !bold) {
        out += '**';
        bold = true;
      } else if (!fresh && bold) {
        out = closeBold(out);
        bold = false;
      }
      out += word;
    } else {
      while (j < chars.length && !isAlnum(chars[j])) j += 1;
      const gap = chars.slice(i, j).join('');
      if (bold && !(gap === ' ' && j < chars.length)) {
        out = closeBold(out);
        bold = false;
      }
      out += escapeMarkup(gap);
    }
    i = j;
  }
  return bold ? closeBold(out) : out;
}

function sourceName(digest, i) {
  const s = digest.sources[i];
  const found = s && [s.label, s.outlet, s.title].filter((x) => typeof x === 'string').map((x) => x.trim()).find(Boolean);
  return found || `Source ${i + 1}`;
}

function given(type, b, i) {
  const text = b.texts[i] ?? '';
  const value = b.values[i];
  return type === 'DATE' && value !== undefined && /^[0-9]/.test(value) && !text.includes(value) ? `${text} (${value})` : text;
}

function statementMarkdown(digest, number, st) {
  const marker = `${number}. `;
  const indent = ' '.repeat(marker.length);
  const count = st.sources.length;
  let out = `${marker}${escape(st.text)} ${cite(st.sources)} (${count} source${count === 1 ? '' : 's'})\n`;
  if (st.wording_differs) {
    out += `${indent}- Wording differs:\n`;
    const representative = digest.sentences[st.representative]?.text ?? st.text;
    const known = new Set(words(representative).map(wordingKey));
    const wordings = [];
    const indexOf = new Map();
    let previous = null;
    for (const k of st.sentences) {
      const sentence = digest.sentences[k];
      if (!sentence || previous === sentence.source) continue;
      previous = sentence.source;
      const key = wordingKey(sentence.text);
      if (!indexOf.has(key)) {
        indexOf.set(key, wordings.length);
        wordings.push([sentence.text, []]);
      }
      wordings[indexOf.get(key)][1].push(sentence.source);
    }
    for (const [text, sources] of wordings) out += `${indent}  - ${cite(sources)}: ${marked(text, known)}\n`;
  }
  for (const d of st.disagreements || []) {
    const bySource = d.by_source.map((b) => {
      const shown = b.texts.length ? b.texts.map((_, i) => escape(given(d.type, b, i))).join(', ') : '(none given)';
      return `[^${b.source + 1}] ${shown}`;
    });
    out += `${indent}- Sources differ on ${DETAIL[d.type] || d.type.toLowerCase()}: ${bySource.join('; ')}\n`;
  }
  return out;
}

function quotesMarkdown(digest, quotes) {
  const groups = [];
  const indexOf = new Map();
  for (const q of quotes) {
    if (!indexOf.has(q.group)) {
      indexOf.set(q.group, groups.length);
      groups.push({ speaker: null, wordings: [], keys: new Map() });
    }
    const group = groups[indexOf.get(q.group)];
    if (group.speaker === null && q.speaker !== null && q.speaker !== undefined) group.speaker = q.speaker;
    const key = wordingKey(q.text);
    if (!group.keys.has(key)) {
      group.keys.set(key, group.wordings.length);
      group.wordings.push([q.text, []]);
    }
    const by = group.wordings[group.keys.get(key)][1];
    if (by[by.length - 1] !== q.source) by.push(q.source);
  }
  let out = '';
  for (const group of groups) {
    const who = group.speaker === null ? undefined : digest.entities[group.speaker];
    if (!who) continue;
    group.wordings.forEach(([wording, by], k) => {
      out += k === 0 ? `- **${escape(who.name)}**: “${escape(wording)}” ${cite(by)}\n` : `  - worded differently: “${escape(wording)}” ${cite(by)}\n`;
    });
  }
  return out;
}

function storyParts(digest) {
  const stories = digest.stories && digest.stories.length
    ? digest.stories.map((s) => ({ sources: s.sources, statements: [], quotes: [] }))
    : [{ sources: digest.sources.map((s) => s.index), statements: [], quotes: [] }];
  const storyOfSource = new Array(digest.sources.length).fill(0);
  stories.forEach((story, k) => story.sources.forEach((s) => { storyOfSource[s] = k; }));
  const last = stories.length - 1;
  for (const st of digest.statements) stories[Math.min(st.story, last)].statements.push(st);
  for (const q of digest.quotes) stories[storyOfSource[q.source] ?? 0].quotes.push(q);
  return stories;
}

function storyMarkdown(digest, story, title, head, level, top) {
  const heading = '#'.repeat(Math.min(level, 2));
  const sub = '#'.repeat(Math.min(level, 2) + 1);
  let out = `${heading} ${title}\n\n${head}`;
  const shown = story.statements.slice(0, top ?? story.statements.length);
  shown.forEach((st, k) => { out += statementMarkdown(digest, k + 1, st); });
  if (story.statements.length > shown.length) out += `\n*The ${shown.length} most important of ${story.statements.length} statements.*\n`;
  out += '\n';
  const quotes = quotesMarkdown(digest, story.quotes);
  if (quotes) out += `${sub} Quotes\n\n${quotes}\n`;
  const single = story.sources.map((s) => [s, story.statements.filter((st) => st.single_source && st.sources[0] === s)]).filter(([, list]) => list.length);
  if (single.length) {
    out += `${sub} Only one source reports\n\n`;
    for (const [s, list] of single) {
      out += `${sub}# ${s + 1}. ${escape(sourceName(digest, s))}\n\n`;
      for (const st of list) out += `- ${escape(st.text)}\n`;
      out += '\n';
    }
  }
  const grid = shown.slice(0, Math.min(shown.length, viewLimits().grid_rows));
  if (grid.length) {
    out += `${sub} Coverage\n\n| statement |${story.sources.map((s) => ` ${s + 1} |`).join('')}\n|---|${':-:|'.repeat(story.sources.length)}\n`;
    grid.forEach((st, k) => {
      out += `| ${k + 1} |${story.sources.map((s) => (st.sources.includes(s) ? ' ● |' : '  |')).join('')}\n`;
    });
    if (shown.length > grid.length) out += `\n*The first ${grid.length} statements of the summary.*\n`;
    out += '\n';
  }
  return out;
}

/** The stories' parts of the report of `digest` (what precedes its entity index),
 *  `top` statements per story (undefined: all); `note` goes under the source key. */
export function storiesMarkdown(digest, top, note = '') {
  const stories = storyParts(digest);
  const key = `**Sources:** ${digest.sources.map((s) => `[^${s.index + 1}] ${escape(sourceName(digest, s.index))}`).join(' · ')}\n\n${note}`;
  let out = stories.length > 1 ? `# Merged account: ${stories.length} stories\n\n${key}` : '';
  const level = stories.length > 1 ? 2 : 1;
  stories.forEach((story, k) => {
    const titled = story.sources.map((s) => digest.sources[s]?.title).find((t) => typeof t === 'string');
    const title = titled !== undefined ? escape(titled)
      : stories.length === 1 ? 'Merged account'
        : `Story ${k + 1}: ${story.sources.map((s) => escape(sourceName(digest, s))).join(', ')}`;
    out += storyMarkdown(digest, story, title, stories.length === 1 ? key : '', level, top);
  });
  return out;
}

/**
 * The core's report `core` (of `original`, `top` statements per story) with the
 * reader's corrections: its stories' parts written again from `corrected`, which
 * `count` corrections made. If this module cannot reproduce the core's stories' parts
 * (the core's format changed), the core's report is returned with a note saying so.
 */
export function correctedMarkdown(core, original, corrected, top, count) {
  const prefix = storiesMarkdown(original, top);
  if (!core.startsWith(prefix)) {
    return core.replace('\n\n', `\n\n*This report does not show the ${count} corrections made by hand on the page.*\n\n`);
  }
  const note = `*With ${count} correction${count === 1 ? '' : 's'} made by hand: statements split or joined by the reader.*\n\n`;
  return storiesMarkdown(corrected, top, note) + core.slice(prefix.length);
}

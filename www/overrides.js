// The reader's corrections to what the core joined: a sentence split out of its
// statement, or two statements joined into one. A correction names sentences by their
// text, not by index, so it still holds after the sources are edited and analysed
// again (indices change; a sentence's words do not). Corrections are kept next to the
// sources in localStorage (sources.js) and applied to every new Digest before it is
// shown or exported; one whose sentences are gone waits, unapplied, until they return.
// The page loads this module when the reader first corrects, or finds corrections kept.
import { statementsOf, wordsOf } from './render.js';

const squeeze = (text) => text.replace(/\s+/g, ' ').trim();

/** The correction "sentence `k` is a statement of its own". */
export function splitOverride(digest, k) {
  const s = digest.sentences[k];
  return { kind: 'split', text: squeeze(s.text), source: s.source };
}

/** The correction "statements `a` and `b` are one fact" (named by their representative wordings). */
export function joinOverride(digest, a, b) {
  const rep = (id) => digest.sentences[digest.statements[id].representative];
  return { kind: 'join', a: squeeze(rep(a).text), as: rep(a).source, b: squeeze(rep(b).text), bs: rep(b).source };
}

/** A short description of a correction, for the reader. */
export function describeOverride(o) {
  const cut = (t) => (t.length > 60 ? `${t.slice(0, 59)}…` : t);
  return o.kind === 'split' ? `split out “${cut(o.text)}”` : `joined “${cut(o.a)}” with “${cut(o.b)}”`;
}

/**
 * `digest` with `overrides` applied, in order. Returns `{digest, applied}`: the new
 * Digest (the same object when there is nothing to apply) and, per override, whether
 * it found its sentences. Statements keep their order; a split-out sentence comes
 * right after the statement it left; joined statements take the better place of the
 * two. Changed statements carry `override` ("split" or "joined") and `overrides` (the
 * indices of the corrections that shaped them).
 */
export function applyOverrides(digest, overrides) {
  if (!overrides || !overrides.length) return { digest, applied: [] };
  // Body sentences by their text, to find a correction's sentences in this Digest.
  const byText = new Map();
  digest.sentences.forEach((s, k) => {
    if (!statementsOf(s).length) return;
    const key = squeeze(s.text);
    if (!byText.has(key)) byText.set(key, []);
    byText.get(key).push(k);
  });
  const find = (text, source) => {
    const found = byText.get(text);
    if (!found) return undefined;
    return found.find((k) => digest.sentences[k].source === source) ?? found[0];
  };
  // A statement's members are the sentences whose own statement it is; its supporters
  // state its fact among more, and have their own statement besides.
  const groups = digest.statements.map((st) => ({
    members: st.sentences.filter((k) => digest.sentences[k].statement === st.id),
    supporters: st.sentences.filter((k) => digest.sentences[k].statement !== st.id),
    rep: st.representative, order: st.id, story: st.story,
    disagreements: st.disagreements || [], from: st, override: null, overrides: [],
  }));
  const groupOf = new Map();
  groups.forEach((g) => g.members.forEach((k) => groupOf.set(k, g)));
  const supportedBy = (k) => groups.filter((g) => g.supporters.includes(k));
  let splits = 0;
  const applied = overrides.map((o, index) => {
    if (o.kind === 'split') {
      const k = find(o.text, o.source);
      const g = k === undefined ? undefined : groupOf.get(k);
      if (!g) return false;
      // Split out, a sentence stands for its own statement only.
      const supported = supportedBy(k);
      for (const other of supported) {
        other.supporters = other.supporters.filter((m) => m !== k);
        other.override ||= 'split';
        other.overrides.push(index);
      }
      if (g.members.length < 2) return true; // already alone
      g.members = g.members.filter((m) => m !== k);
      if (g.rep === k) g.rep = g.members.reduce((best, m) => (digest.sentences[m].text.length > digest.sentences[best].text.length ? m : best));
      g.override ||= 'split';
      g.overrides.push(index);
      splits += 1;
      const alone = {
        members: [k], supporters: [], rep: k, order: g.order + splits / (overrides.length + 1) / 2, story: g.story,
        disagreements: [], from: null, override: 'split', overrides: [index],
      };
      groups.push(alone);
      groupOf.set(k, alone);
      return true;
    }
    if (o.kind === 'join') {
      const ka = find(o.a, o.as);
      const kb = find(o.b, o.bs);
      const ga = ka === undefined ? undefined : groupOf.get(ka);
      const gb = kb === undefined ? undefined : groupOf.get(kb);
      if (!ga || !gb) return false;
      if (ga === gb) return true;
      if (ga.story !== gb.story) return false; // statements never mix stories
      const [keep, gone] = ga.order <= gb.order ? [ga, gb] : [gb, ga];
      keep.members = [...keep.members, ...gone.members].sort((x, y) => x - y);
      keep.supporters = [...new Set([...keep.supporters, ...gone.supporters])].filter((m) => !keep.members.includes(m));
      keep.disagreements = mergeDisagreements(keep.disagreements, gone.disagreements);
      keep.override = 'joined';
      keep.overrides.push(...gone.overrides, index);
      for (const m of gone.members) groupOf.set(m, keep);
      gone.members = [];
      return true;
    }
    return false;
  });
  const live = groups.filter((g) => g.members.length).sort((a, b) => a.order - b.order);
  const statementOf = new Map();
  const supports = new Map();
  live.forEach((g, id) => {
    for (const m of g.members) statementOf.set(m, id);
    for (const m of g.supporters) supports.set(m, [...(supports.get(m) || []), id]);
  });
  const statements = live.map((g, id) => {
    if (!g.override && g.from) return { ...g.from, id, rank: id + 1 };
    const all = [...g.members, ...g.supporters].sort((a, b) => a - b);
    const sources = [...new Set(all.map((m) => digest.sentences[m].source))].sort((a, b) => a - b);
    const firstOf = sources.map((s) => all.find((m) => digest.sentences[m].source === s));
    const wordings = new Set(firstOf.map((m) => wordsOf(digest.sentences[m].text).join(' ')));
    const st = {
      id, text: digest.sentences[g.rep].text, sources, sentences: all, rank: id + 1,
      representative: g.rep, story: g.story, single_source: sources.length === 1, wording_differs: wordings.size > 1,
    };
    const disagreements = g.disagreements
      .map((d) => ({ ...d, by_source: d.by_source.filter((b) => sources.includes(b.source)) }))
      .filter((d) => d.by_source.length > 1 && new Set(d.by_source.map((b) => b.values.join('|'))).size > 1);
    if (disagreements.length) st.disagreements = disagreements;
    st.override = g.override;
    st.overrides = g.overrides;
    return st;
  });
  const sentences = digest.sentences.map((s, k) => {
    if (!statementOf.has(k)) return s;
    const id = statementOf.get(k);
    return { ...s, statement: id, statements: [id, ...(supports.get(k) || []).sort((a, b) => a - b)] };
  });
  return { digest: { ...digest, sentences, statements }, applied };
}

/** Two statements' disagreements as one: each type once, each source once. */
function mergeDisagreements(a, b) {
  const byType = new Map();
  for (const d of [...a, ...b]) {
    if (!byType.has(d.type)) byType.set(d.type, new Map());
    const bySource = byType.get(d.type);
    for (const entry of d.by_source) if (!bySource.has(entry.source)) bySource.set(entry.source, entry);
  }
  return [...byType].map(([type, bySource]) => ({ type, by_source: [...bySource.values()].sort((x, y) => x.source - y.source) }));
}

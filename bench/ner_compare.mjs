// Entity tagging side by side: newsweave (the wasm package, whole `weave` call) against
// compromise 14 (npm dev dependency), both in Node on the same raw text.
//   node bench/ner_compare.mjs CONLL_FILE GOLD_TSV SEED_TXT   (prints Markdown tables)
// Scoring is exact-span (conlleval semantics) on character spans: a prediction counts
// only when its start, end and type all equal a gold mention's.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { initSync, weave } from '../pkg/newsweave.js';

const require = createRequire(import.meta.url);
const nlp = require('compromise');
const ROOT = new URL('../', import.meta.url).pathname;
const [conllPath, goldPath, seedPath] = process.argv.slice(2);
initSync({ module: readFileSync(`${ROOT}pkg/newsweave_bg.wasm`) });

/** CoNLL-2003 documents as raw text (tokens joined by spaces, one sentence per
 *  paragraph) with gold spans decoded from IOB1 tags. */
function conllDocuments(path) {
  const docs = [];
  let doc = null;
  let chunk = null;
  const closeChunk = () => {
    if (chunk) doc.gold.push(chunk);
    chunk = null;
  };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const cols = line.split(' ');
    if (cols[0] === '-DOCSTART-') {
      if (doc) closeChunk();
      doc = { text: '', gold: [] };
      docs.push(doc);
      continue;
    }
    if (!doc) continue;
    if (line.trim() === '') {
      closeChunk();
      if (doc.text && !doc.text.endsWith('\n\n')) doc.text += '\n\n';
      continue;
    }
    const [word, , , tag] = cols;
    if (doc.text && !doc.text.endsWith('\n')) doc.text += ' ';
    const start = doc.text.length;
    doc.text += word;
    const type = tag === 'O' ? null : tag.slice(2);
    if (!type || tag.startsWith('B-') || !chunk || chunk.type !== type) {
      closeChunk();
      if (type) chunk = { type, start, end: doc.text.length };
    } else {
      chunk.end = doc.text.length;
    }
  }
  if (doc) closeChunk();
  return docs.filter((d) => d.text.trim());
}

/** One hand-annotated article: mentions listed in text order as TYPE<TAB>surface. */
function goldDocument(goldPath, textPath) {
  const text = readFileSync(textPath, 'utf8');
  const gold = [];
  let from = 0;
  for (const line of readFileSync(goldPath, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [type, surface] = line.split('\t');
    const start = text.indexOf(surface, from);
    if (start < 0) throw new Error(`gold mention not found in order: ${line}`);
    gold.push({ type, start, end: start + surface.length });
    from = start + surface.length;
  }
  return [{ text, gold }];
}

const NAME_TYPES = new Set(['PER', 'ORG', 'LOC', 'MISC']);

function newsweaveSpans(text) {
  const digest = weave([{ label: 'doc', text }]);
  return digest.entities
    .filter((e) => NAME_TYPES.has(e.type))
    .flatMap((e) => e.mentions.map((m) => ({ type: e.type, start: m.start, end: m.end })));
}

function compromiseSpans(text) {
  const doc = nlp(text);
  const spans = [];
  for (const [type, view] of [['PER', doc.people()], ['ORG', doc.organizations()], ['LOC', doc.places()]]) {
    for (const m of view.json({ offset: true })) {
      spans.push({ type, start: m.offset.start, end: m.offset.start + m.offset.length });
    }
  }
  return spans;
}

/** Precision, recall and F1 over the given types. */
function score(docs, predictions, types) {
  let tp = 0;
  let predicted = 0;
  let gold = 0;
  docs.forEach((doc, i) => {
    const key = (s) => `${s.type}:${s.start}:${s.end}`;
    const goldKeys = new Set(doc.gold.filter((s) => types.has(s.type)).map(key));
    const predKeys = new Set(predictions[i].filter((s) => types.has(s.type)).map(key));
    gold += goldKeys.size;
    predicted += predKeys.size;
    for (const k of predKeys) if (goldKeys.has(k)) tp += 1;
  });
  const p = predicted ? tp / predicted : 0;
  const r = gold ? tp / gold : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

function run(tagger, docs) {
  for (const d of docs.slice(0, 5)) tagger(d.text); // warm up
  const t = performance.now();
  const predictions = docs.map((d) => tagger(d.text));
  const seconds = (performance.now() - t) / 1e3;
  const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0);
  return { predictions, mbps: bytes / 1e6 / seconds };
}

const gz = (path) => gzipSync(readFileSync(path), { level: 9 }).length;
const payload = {
  newsweave: gz(`${ROOT}pkg/newsweave_bg.wasm`) + gz(`${ROOT}pkg/newsweave.js`),
  compromise: gz(`${ROOT}node_modules/compromise/builds/compromise.js`),
};
const f = (x) => x.toFixed(3);
const ALL = NAME_TYPES;
const THREE = new Set(['PER', 'ORG', 'LOC']);

console.log('| corpus | tagger | F1 (PER/ORG/LOC/MISC) | P | R | F1 (PER/ORG/LOC) | PER F1 | ORG F1 | LOC F1 | MB/s | payload (gzip) |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const [name, docs] of [
  [`${conllPath.split('/').pop()} (${0} docs)`, conllDocuments(conllPath)],
  [`seed ${seedPath.split('/').pop().slice(0, 3)} (hand gold)`, goldDocument(goldPath, seedPath)],
]) {
  const label = name.replace('(0 docs)', `(${docs.length} docs)`);
  for (const [tagger, fn] of [['newsweave', newsweaveSpans], ['compromise 14', compromiseSpans]]) {
    const { predictions, mbps } = run(fn, docs);
    const all = score(docs, predictions, ALL);
    const three = score(docs, predictions, THREE);
    const per = (t) => f(score(docs, predictions, new Set([t])).f1);
    const kb = (tagger === 'newsweave' ? payload.newsweave : payload.compromise) / 1024;
    console.log(`| ${label} | ${tagger} | ${f(all.f1)} | ${f(all.p)} | ${f(all.r)} | ${f(three.f1)} | ${per('PER')} | ${per('ORG')} | ${per('LOC')} | ${mbps.toFixed(2)} | ${kb.toFixed(0)} KB |`);
  }
}
console.log('\nnewsweave runs its whole pipeline (clean, dedup, tag, resolve, merge) per document; compromise only tags.');
console.log('compromise has no MISC type, so its four-type recall is capped; the three-type column compares like with like.');

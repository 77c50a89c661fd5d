// Hostile inputs at three sizes (x1, x2, x4), through the wasm module in Node, as the
// page runs it. Linear time means the x4 input takes about 4 times as long as x1.
//   node bench/adversarial.mjs     (prints a Markdown table)
import { readFileSync, readdirSync } from 'node:fs';
import { initSync, markdown, weave } from '../pkg/newsweave.js';

const ROOT = new URL('../', import.meta.url).pathname;
initSync({ module: readFileSync(`${ROOT}pkg/newsweave_bg.wasm`) });
const demoDir = `${ROOT}www/demo/`;
const article = readFileSync(demoDir + readdirSync(demoDir).filter((f) => f.endsWith('.txt')).sort()[3], 'utf8');

const repeatTo = (unit, bytes) => unit.repeat(Math.max(1, Math.round(bytes / Buffer.byteLength(unit))));
const one = (text) => [{ label: 'a', text }];
const words = ['alpha', 'borrell', 'tokyo', 'pact', 'defense', 'signed', 'minister', 'korea'];

// Each case: a name and a function from the scale (1, 2, 4) to a list of sources.
const cases = [
  ['one line, no punctuation (1.25 / 2.5 / 5 MB)', (k) => {
    const parts = [];
    for (let i = 0; parts.length < k * 180_000; i += 1) parts.push(words[(i * 7 + (i >> 3)) % words.length]);
    return one(parts.join(' '));
  }],
  ['one-word lines (25k / 50k / 100k lines)', (k) => one(Array.from({ length: k * 25_000 }, (_, i) => words[i % words.length]).join('\n'))],
  ['identical sentences (2.5k / 5k / 10k)', (k) => one('Borrell heads to South Korea after the Tokyo talks. '.repeat(k * 2_500))],
  ['same article as every source (125 / 250 / 500 sources)', (k) => Array.from({ length: k * 125 }, (_, i) => ({ label: `s${i}`, text: article }))],
  ['only quotes (0.25 / 0.5 / 1 MB)', (k) => one(repeatTo('"“”‘’\' ', k * 250_000))],
  ['only brackets (0.25 / 0.5 / 1 MB)', (k) => one(repeatTo('([{<', k * 125_000) + repeatTo('>}])', k * 125_000))],
  ['only dots (0.25 / 0.5 / 1 MB)', (k) => one(repeatTo('.', k * 200_000) + repeatTo('. ', k * 50_000))],
  ['quotes with speakers, no full stop (0.25 / 0.5 / 1 MB)', (k) => one(repeatTo('Borrell said “we live in a very dangerous world” and Iwaya added “the pact is very timely” ', k * 250_000))],
  ['dates and numbers, no end (0.25 / 0.5 / 1 MB)', (k) => one(repeatTo('on Monday 12 March 2024 and Tuesday 3 percent of $5 million ', k * 250_000))],
  ['digit groups, one word (0.25 / 0.5 / 1 MB)', (k) => one(repeatTo('1,', k * 250_000))],
  ['capitalised words, no end (0.25 / 0.5 / 1 MB)', (k) => one(repeatTo('Alpha Beta Gamma Delta Borrell Tokyo Union ', k * 250_000))],
  ['RTL, CJK, emoji ZWJ, combining marks (0.25 / 0.5 / 1 MB)', (k) => one(repeatTo('مرحبا بالعالم. 東京で会談した。 👨‍👩‍👧‍👦 e\u0301\u0302 Borrell said “שלום”. ', k * 250_000))],
  ['lone surrogates from JS (0.25 / 0.5 / 1 MB)', (k) => one(repeatTo('Borrell \uD800 said \uDFFF in Tokyo \uD83D. ', k * 250_000))],
];

function time(sources) {
  const t = performance.now();
  const digest = weave(sources);
  const ms = performance.now() - t;
  if (!digest.sentences.length) throw new Error('no sentences');
  return ms;
}

/** The Markdown report of every statement: `markdown` weaves, then writes the report. */
function timeReport(sources) {
  const t = performance.now();
  const report = markdown(sources);
  const ms = performance.now() - t;
  if (!report.includes('## Sources')) throw new Error('no report');
  return ms;
}

const size = (sources) => sources.reduce((n, s) => n + Buffer.byteLength(s.text), 0);
console.log('| input | x1 | x2 | x4 | time x4 / x1 (linear = 4) |');
console.log('|---|---|---|---|---|');
for (const [name, make] of cases) {
  const cells = [];
  const ms = [];
  for (const k of [1, 2, 4]) {
    const sources = make(k);
    time(make(1)); // warm up
    const best = Math.min(time(sources), time(sources));
    ms.push(best);
    cells.push(`${best.toFixed(0)} ms (${(size(sources) / 1e6).toFixed(2)} MB)`);
  }
  console.log(`| ${name} | ${cells.join(' | ')} | ${(ms[2] / ms[0]).toFixed(1)} |`);
}

console.log('\nThe same inputs through `markdown(sources)` (weave, then the report of every statement):\n');
console.log('| input | x1 | x2 | x4 | time x4 / x1 (linear = 4) |');
console.log('|---|---|---|---|---|');
for (const [name, make] of cases) {
  const ms = [1, 2, 4].map((k) => {
    const sources = make(k);
    timeReport(make(1)); // warm up
    return Math.min(timeReport(sources), timeReport(sources));
  });
  console.log(`| ${name} | ${ms.map((m) => `${m.toFixed(0)} ms`).join(' | ')} | ${(ms[2] / ms[0]).toFixed(1)} |`);
}

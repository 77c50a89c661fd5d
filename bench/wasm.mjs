// wasm benchmark: the same pipeline as `examples/bench.rs`, in V8 under Node and in
// headless Chromium (the page's own module, loaded from the served repository).
// Usage: node bench/wasm.mjs CORPUS.json   (prints Markdown table rows)
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { initSync, weave, memoryBytes, clearCaches } from '../pkg/newsweave.js';
import { demoSeeds, launch, ROOT, startServer } from '../tests/e2e/harness.mjs';
import { timeCorpus, timeWeave } from './in-page.mjs';

const [corpusPath, ...morePaths] = process.argv.slice(2);
const seeds = demoSeeds();
const bytes = (sources) => sources.reduce((n, s) => n + Buffer.byteLength(s.text), 0);

function median(runs, f) {
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const row = (what, input, ms, mbps) => console.log(`| ${what} | ${input} | ${ms} | ${mbps} |`);
console.log('| what | input | time (median) | throughput |');
console.log('|---|---|---|---|');

// Node
initSync({ module: readFileSync(`${ROOT}pkg/newsweave_bg.wasm`) });
const coldStart = performance.now();
weave(seeds);
const coldMs = performance.now() - coldStart;
for (let i = 0; i < 30; i += 1) weave(seeds);
const seedMs = median(200, () => weave(seeds));
const seedBytes = bytes(seeds);
row('wasm in Node: five seeds, first call', `${(seedBytes / 1e3).toFixed(1)} KB`, `${coldMs.toFixed(2)} ms`, '');
row('wasm in Node: five seeds, whole pipeline', `${(seedBytes / 1e3).toFixed(1)} KB`, `${seedMs.toFixed(3)} ms`, `${(seedBytes / 1e6 / (seedMs / 1e3)).toFixed(1)} MB/s`);
// The same call meeting every word afresh (weave keeps per-word work between calls).
const seedColdMs = median(200, () => { clearCaches(); weave(seeds); });
row('wasm in Node: five seeds, whole pipeline, word caches emptied first', `${(seedBytes / 1e3).toFixed(1)} KB`, `${seedColdMs.toFixed(3)} ms`, `${(seedBytes / 1e6 / (seedColdMs / 1e3)).toFixed(1)} MB/s`);
const seedMemory = memoryBytes();
for (const path of [corpusPath, ...morePaths].filter(Boolean)) {
  const sources = JSON.parse(readFileSync(path, 'utf8'));
  const ms = median(5, () => weave(sources));
  row(`wasm in Node: ${path.split('/').pop()} (${sources.length} articles)`, `${(bytes(sources) / 1e6).toFixed(2)} MB`, `${ms.toFixed(1)} ms`, `${(bytes(sources) / 1e6 / (ms / 1e3)).toFixed(1)} MB/s`);
}

// Chromium: the module as the page loads it.
const server = await startServer();
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}/www/`);
  await page.waitForSelector('.statements .statement');
  const result = await page.evaluate(timeWeave, seeds);
  row('wasm in Chromium: five seeds, whole pipeline (median batch; fastest)', `${(seedBytes / 1e3).toFixed(1)} KB`, `${result.ms.toFixed(2)} ms; ${result.fastest.toFixed(2)} ms`, `${(seedBytes / 1e6 / (result.ms / 1e3)).toFixed(1)} MB/s`);
  row('wasm in Chromium: five seeds, whole pipeline, word caches emptied first (median batch; fastest)', `${(seedBytes / 1e3).toFixed(1)} KB`, `${result.coldMs.toFixed(2)} ms; ${result.coldFastest.toFixed(2)} ms`, `${(seedBytes / 1e6 / (result.coldMs / 1e3)).toFixed(1)} MB/s`);
  for (const path of [corpusPath, ...morePaths].filter(Boolean)) {
    const sources = JSON.parse(readFileSync(path, 'utf8'));
    const large = await page.evaluate(timeCorpus, sources);
    const mb = bytes(sources) / 1e6;
    row(`wasm in Chromium: ${path.split('/').pop()} (${sources.length} articles; median of 5, fastest)`, `${mb.toFixed(2)} MB`, `${large.ms.toFixed(1)} ms; ${large.fastest.toFixed(1)} ms`, `${(mb / (large.ms / 1e3)).toFixed(1)} MB/s`);
  }

  // First render: from navigation start to the demo account on screen (the element marks
  // it), in a fresh context each time (empty HTTP cache and storage), median of 15 loads:
  // on this VM one load varies by ±25 %, and 7 loads moved the median by 30 ms run to run.
  const LOADS = 15;
  const firsts = [];
  const milestones = ['newsweave:module-ready', 'newsweave:analysed', 'newsweave:first-render'];
  for (let i = 0; i < LOADS; i += 1) {
    const context = await browser.newContext();
    const fresh = await context.newPage();
    await fresh.goto(`${server.url}/www/`);
    await fresh.waitForSelector('.statements .statement .badge');
    firsts.push(await fresh.evaluate((names) => names.map((n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN), milestones));
    await context.close();
  }
  const medianOf = (k) => firsts.map((f) => f[k]).sort((a, b) => a - b)[LOADS >> 1];
  const fastest = Math.min(...firsts.map((f) => f[2]));
  row(`Chromium: navigation to first rendered demo account (median of ${LOADS} cold loads; fastest)`, 'page + five seeds', `${medianOf(2).toFixed(0)} ms; ${fastest.toFixed(0)} ms`, '');
  row('… of which: module instantiated on the page; demo analysed (medians)', '', `${medianOf(0).toFixed(0)} ms; ${medianOf(1).toFixed(0)} ms`, '');
} finally {
  await browser.close();
  server.close();
}

// Payload and memory
// Everything the demo page loads, except the demo articles themselves.
// The binding's JS snippets (pkg/snippets/) are named by a hash: listed, not named here.
const snippets = readdirSync(`${ROOT}pkg/snippets`, { recursive: true })
  .filter((f) => f.endsWith('.js'))
  .map((f) => `pkg/snippets/${f}`);
// Every module of the shell is read from www/, so a new one is counted without a list
// to keep; only the embedding example's host script is not the demo page's.
const shellModules = readdirSync(`${ROOT}www`)
  .filter((f) => f.endsWith('.js') && f !== 'embed-host.js')
  .sort()
  .map((f) => `www/${f}`);
const files = [
  'pkg/newsweave_bg.wasm', 'pkg/newsweave.js', ...snippets, ...shellModules, 'www/style.css', 'www/page.css',
  'www/index.html',
];
let raw = 0;
let gz = 0;
console.log('\n| payload file | raw | gzip -9 |\n|---|---|---|');
for (const f of files) {
  const data = readFileSync(ROOT + f);
  const z = gzipSync(data, { level: 9 }).length;
  raw += data.length;
  gz += z;
  console.log(`| ${f} | ${(data.length / 1024).toFixed(1)} KB | ${(z / 1024).toFixed(1)} KB |`);
}
console.log(`| **total (wasm + JS + CSS + HTML)** | ${(raw / 1024).toFixed(1)} KB | ${(gz / 1024).toFixed(1)} KB |`);
console.log(`\nwasm linear memory after the seeds: ${(seedMemory / 1048576).toFixed(1)} MB; after the corpus too: ${(memoryBytes() / 1048576).toFixed(1)} MB`);

// Interleaved A/B of wasm builds in Node, for changes smaller than this VM's drift: every
// build is loaded into one process, and each round times each build in turn.
// Usage: node bench/node-ab.mjs seeds|CORPUS.json ROUNDS PKG_DIR...   (copies of pkg/)
//   seeds:       per build and round, the median of 200 warm weave() calls on www/demo;
//   CORPUS.json: per build and round, the median of 5 warm calls on that corpus.
// Prints one line per build: its per-round medians, then the median of those.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const [what, rounds, ...builds] = process.argv.slice(2);
if (!what || !(Number(rounds) > 0) || builds.length === 0) {
  console.error('usage: node bench/node-ab.mjs seeds|CORPUS.json ROUNDS PKG_DIR...');
  process.exit(2);
}
const demo = new URL('../www/demo/', import.meta.url);
const input = what === 'seeds'
  ? readdirSync(demo).filter((f) => f.endsWith('.txt')).sort()
    .map((f) => ({ label: f, text: readFileSync(new URL(f, demo), 'utf8'), published: '2024-11-01' }))
  : JSON.parse(readFileSync(what, 'utf8'));
const calls = what === 'seeds' ? 200 : 5;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const modules = [];
for (const dir of builds) {
  const path = resolve(dir);
  // The query string makes each build a module of its own.
  const m = await import(`${path}/newsweave.js?build=${modules.length}`);
  m.initSync({ module: readFileSync(`${path}/newsweave_bg.wasm`) });
  m.weave(input); // warm the word caches and the compiled code
  modules.push(m);
}
const results = builds.map(() => []);
for (let r = 0; r < Number(rounds); r++) {
  modules.forEach((m, k) => {
    const times = [];
    for (let i = 0; i < calls; i++) {
      const start = performance.now();
      m.weave(input);
      times.push(performance.now() - start);
    }
    results[k].push(median(times));
  });
}
builds.forEach((dir, k) => {
  const digits = what === 'seeds' ? 3 : 1;
  console.log(`${dir}: ${results[k].map((t) => t.toFixed(digits)).join(' / ')} ms; median ${median(results[k]).toFixed(digits)} ms`);
});

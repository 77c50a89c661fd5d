// Where a warm weave() of the seeds spends its time in wasm: V8's sampling profiler in
// Node over many warm calls, each function's share of the samples with its callees
// (inclusive), for the pipeline's own functions.
//
// The module must keep its function names, which `make build` strips. Build one with
// names into a directory of its own:
//   make build   (for target/wasm32-unknown-unknown/wasm/newsweave.wasm)
//   wasm-bindgen --target web --out-dir target/pkg-names target/wasm32-unknown-unknown/wasm/newsweave.wasm
//   npx --no-install wasm-opt -g -O3 --one-caller-inline-max-function-size 200 --enable-bulk-memory \
//     --enable-nontrapping-float-to-int --enable-reference-types --enable-sign-ext --enable-mutable-globals \
//     target/pkg-names/newsweave_bg.wasm -o target/pkg-names/newsweave_bg.wasm
// Usage: node bench/profile-wasm.mjs PKG_DIR [CALLS] [ROWS]
import { readdirSync, readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { resolve } from 'node:path';

const [dir, calls = '1000', rows = '40'] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node bench/profile-wasm.mjs PKG_DIR [CALLS] [ROWS]');
  process.exit(2);
}
const demo = new URL('../www/demo/', import.meta.url);
const input = readdirSync(demo).filter((f) => f.endsWith('.txt')).sort()
  .map((f) => ({ label: f, text: readFileSync(new URL(f, demo), 'utf8'), published: '2024-11-01' }));
const m = await import(`${resolve(dir)}/newsweave.js`);
m.initSync({ module: readFileSync(`${resolve(dir)}/newsweave_bg.wasm`) });
for (let i = 0; i < 50; i++) m.weave(input); // warm caches and optimised code

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
const started = performance.now();
for (let i = 0; i < Number(calls); i++) m.weave(input);
const ms = (performance.now() - started) / Number(calls);
const { profile } = await session.post('Profiler.stop');

// Inclusive samples per function name (a name counted once per sample, however often
// it recurs on the stack), over the samples under the exported weave().
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n) => n.callFrame.functionName.replace(/::h[0-9a-f]{16}$/, '');
const counts = new Map();
for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
const inclusive = new Map();
let total = 0;
for (const [id, k] of counts) {
  const names = new Set();
  for (let n = id; n !== undefined; n = parent.get(n)) names.add(name(byId.get(n)));
  if (!names.has('newsweave::wasm::weave')) continue;
  total += k;
  for (const x of names) inclusive.set(x, (inclusive.get(x) ?? 0) + k);
}
console.log(`${ms.toFixed(3)} ms per warm call (${calls} calls); shares of the samples under newsweave::wasm::weave, callees included:`);
[...inclusive].filter(([x]) => x.startsWith('newsweave::') && x !== 'newsweave::wasm::weave')
  .sort((a, b) => b[1] - a[1]).slice(0, Number(rows))
  .forEach(([x, k]) => console.log(`${(100 * k / total).toFixed(1).padStart(5)} %  ${x}`));

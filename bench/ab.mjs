// Interleaved A/B of wasm builds in headless Chromium, for changes smaller than this
// VM's run-to-run drift: each round serves every build in turn from pkg/.
// Usage: node bench/ab.mjs first-render|seeds ROUNDS PKG_DIR...   (e.g. copies of pkg/)
// pkg/ is overwritten; run `make build` afterwards.
//   first-render: 10 cold loads per build and round, median ms from navigation to the
//                 module ready, the demo analysed, and the account drawn;
//   seeds:        per build and round, the median of 30 batches of 10 warm weave() calls
//                 (bench/in-page.mjs).
import { cpSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { launch, ROOT, startServer } from '../tests/e2e/harness.mjs';
import { timeWeave } from './in-page.mjs';

const [mode, rounds, ...builds] = process.argv.slice(2);
if (!['first-render', 'seeds'].includes(mode) || !(Number(rounds) > 0) || builds.length === 0) {
  console.error('usage: node bench/ab.mjs first-render|seeds ROUNDS PKG_DIR...');
  process.exit(2);
}
const demoDir = `${ROOT}www/demo/`;
const seeds = readdirSync(demoDir).filter((f) => f.endsWith('.txt')).sort()
  .map((f) => ({ label: f, text: readFileSync(demoDir + f, 'utf8'), published: '2024-11-01' }));
const milestones = ['newsweave:module-ready', 'newsweave:analysed', 'newsweave:first-render'];
const results = Object.fromEntries(builds.map((b) => [b, []]));
const server = await startServer();
const browser = await launch();
try {
  for (let r = 0; r < Number(rounds); r += 1) {
    for (const build of builds) {
      rmSync(`${ROOT}pkg`, { recursive: true, force: true });
      cpSync(build, `${ROOT}pkg`, { recursive: true });
      for (let i = 0; i < (mode === 'first-render' ? 10 : 1); i += 1) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(`${server.url}/www/`);
        await page.waitForSelector('.statements .statement .badge');
        results[build].push(mode === 'first-render'
          ? await page.evaluate((names) => names.map((n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN), milestones)
          : [(await page.evaluate(timeWeave, seeds)).ms]);
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  server.close();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const [build, rows] of Object.entries(results)) {
  const col = (k) => median(rows.map((row) => row[k]));
  console.log(mode === 'first-render'
    ? `| ${build} | ${rows.length} loads | ready ${col(0).toFixed(0)} ms | analysed ${col(1).toFixed(0)} ms | drawn ${col(2).toFixed(0)} ms |`
    : `| ${build} | seeds, warm: ${rows.map((row) => row[0].toFixed(2)).join(' / ')} ms |`);
}

// Interleaved A/B of wasm builds in headless Chromium, for changes smaller than this
// VM's run-to-run drift: each round serves every build in turn from dist/pkg/ (what
// the server serves; copies of pkg/ serve as they are, unminified glue and all).
// Usage: node bench/ab.mjs first-render|seeds|CORPUS.json ROUNDS PKG_DIR...   (e.g. copies of pkg/)
// dist/pkg/ is put back as it was when the runs end.
//   first-render: 10 cold loads per build and round, median ms from navigation to the
//                 module ready, the demo analysed, the account drawn, and the frame that
//                 shows it (the budget's milestone);
//   seeds:        per build and round, the median of 30 batches of 10 warm weave() calls
//                 (bench/in-page.mjs);
//   CORPUS.json:  per build and round, the median of 5 warm weave() calls on that corpus.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { demoSeeds, launch, SERVED, startServer } from '../tests/e2e/harness.mjs';
import { timeCorpus, timeWeave } from './in-page.mjs';

const [mode, rounds, ...builds] = process.argv.slice(2);
if (!mode || !(Number(rounds) > 0) || builds.length === 0) {
  console.error('usage: node bench/ab.mjs first-render|seeds|CORPUS.json ROUNDS PKG_DIR...');
  process.exit(2);
}
const corpus = ['first-render', 'seeds'].includes(mode) ? null : JSON.parse(readFileSync(mode, 'utf8'));
const seeds = demoSeeds();
const milestones = ['newsweave:module-ready', 'newsweave:analysed', 'newsweave:first-render', 'newsweave:first-paint'];
const results = Object.fromEntries(builds.map((b) => [b, []]));
// Each build is served from dist/pkg/ in turn; the original waits here.
const original = mkdtempSync(`${tmpdir()}/newsweave-pkg-`);
cpSync(`${SERVED}pkg`, original, { recursive: true });
const server = await startServer();
const browser = await launch();
try {
  for (let r = 0; r < Number(rounds); r += 1) {
    for (const build of builds) {
      rmSync(`${SERVED}pkg`, { recursive: true, force: true });
      cpSync(build, `${SERVED}pkg`, { recursive: true });
      for (let i = 0; i < (mode === 'first-render' ? 10 : 1); i += 1) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(`${server.url}/www/`);
        await page.waitForSelector('.statements .statement .badge');
        if (mode === 'first-render') {
          await page.waitForFunction(() => performance.getEntriesByName('newsweave:first-paint').length > 0);
        }
        results[build].push(mode === 'first-render'
          ? await page.evaluate((names) => names.map((n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN), milestones)
          : [corpus ? (await page.evaluate(timeCorpus, corpus)).ms : (await page.evaluate(timeWeave, seeds)).ms]);
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  server.close();
  rmSync(`${SERVED}pkg`, { recursive: true, force: true });
  cpSync(original, `${SERVED}pkg`, { recursive: true });
  rmSync(original, { recursive: true, force: true });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const [build, rows] of Object.entries(results)) {
  const col = (k) => median(rows.map((row) => row[k]));
  console.log(mode === 'first-render'
    ? `| ${build} | ${rows.length} loads | ready ${col(0).toFixed(0)} ms | analysed ${col(1).toFixed(0)} ms | drawn ${col(2).toFixed(0)} ms | on screen ${col(3).toFixed(0)} ms |`
    : `| ${build} | ${corpus ? mode : 'seeds'}, warm: ${rows.map((row) => row[0].toFixed(2)).join(' / ')} ms; median ${col(0).toFixed(2)} ms |`);
}

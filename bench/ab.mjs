// Interleaved A/B of builds in headless Chromium, for changes smaller than this VM's
// run-to-run drift: each round serves every build in turn from dist/ (what the server
// serves). A build is a copy of pkg/ (served as dist/pkg/, unminified glue and all) or
// a copy of dist/ (a directory with www/ and pkg/, served whole: for page changes).
// Usage: node bench/ab.mjs first-render|seeds|CORPUS.json ROUNDS BUILD_DIR...
// dist/ is put back as it was when the runs end.
//   first-render: 10 cold loads per build and round, median ms from navigation to the
//                 module ready, the demo analysed, the account drawn, and the frame that
//                 shows it (the budget's milestone);
//   seeds:        per build and round, the median of 30 batches of 10 warm weave() calls
//                 (bench/in-page.mjs);
//   CORPUS.json:  per build and round, the median of 5 warm weave() calls on that corpus.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { demoSeeds, launch, SERVED, startServer } from '../tests/e2e/harness.mjs';
import { timeCorpus, timeWeave } from './in-page.mjs';

const [mode, rounds, ...builds] = process.argv.slice(2);
if (!mode || !(Number(rounds) > 0) || builds.length === 0) {
  console.error('usage: node bench/ab.mjs first-render|seeds|CORPUS.json ROUNDS BUILD_DIR...');
  process.exit(2);
}
const corpus = ['first-render', 'seeds'].includes(mode) ? null : JSON.parse(readFileSync(mode, 'utf8'));
const seeds = demoSeeds();
const milestones = ['newsweave:module-ready', 'newsweave:analysed', 'newsweave:first-render', 'newsweave:first-paint'];
const results = Object.fromEntries(builds.map((b) => [b, []]));
// Each build is served from dist/ in turn; the original pkg/ and www/ wait here.
const PARTS = ['pkg', 'www'];
const original = mkdtempSync(`${tmpdir()}/newsweave-dist-`);
for (const part of PARTS) cpSync(`${SERVED}${part}`, `${original}/${part}`, { recursive: true });
/** Serves `build`: a copy of dist/ replaces pkg/ and www/, a copy of pkg/ only pkg/. */
function serve(build) {
  const whole = existsSync(`${build}/www/index.html`);
  for (const part of whole ? PARTS : ['pkg']) {
    rmSync(`${SERVED}${part}`, { recursive: true, force: true });
    cpSync(whole ? `${build}/${part}` : build, `${SERVED}${part}`, { recursive: true });
  }
}
const server = await startServer();
const browser = await launch();
try {
  for (let r = 0; r < Number(rounds); r += 1) {
    for (const build of builds) {
      serve(build);
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
  serve(original);
  rmSync(original, { recursive: true, force: true });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const [build, rows] of Object.entries(results)) {
  const col = (k) => median(rows.map((row) => row[k]));
  console.log(mode === 'first-render'
    ? `| ${build} | ${rows.length} loads | ready ${col(0).toFixed(0)} ms | analysed ${col(1).toFixed(0)} ms | drawn ${col(2).toFixed(0)} ms | on screen ${col(3).toFixed(0)} ms |`
    : `| ${build} | ${corpus ? mode : 'seeds'}, warm: ${rows.map((row) => row[0].toFixed(2)).join(' / ')} ms; median ${col(0).toFixed(2)} ms |`);
}

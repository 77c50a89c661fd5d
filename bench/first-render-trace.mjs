// Where the first render's time goes: cold loads of the demo page under a Chromium
// trace, read back for the page's milestones and for the main thread's work between
// them (V8 compiling wasm functions on first call, style and layout, script).
// Tracing slows the page, so these times are for attribution; the budget is measured
// untraced by bench/wasm.mjs.
// Usage: node bench/first-render-trace.mjs [LOADS]   (make bench-first-render)
import { launch, startServer } from '../tests/e2e/harness.mjs';

const LOADS = Number(process.argv[2]) || 5;
const CATEGORIES = ['devtools.timeline', 'v8', 'v8.wasm', 'blink.user_timing', 'loading'];
const MILESTONES = ['newsweave:module-ready', 'newsweave:analysed', 'newsweave:first-render', 'newsweave:first-paint'];

/** Sum of durations (ms) of the complete events `pick` selects, and their count. */
function total(events, pick) {
  const chosen = events.filter(pick);
  return { ms: chosen.reduce((sum, e) => sum + (e.dur || 0), 0) / 1000, count: chosen.length };
}

function analyse(trace) {
  const events = trace.traceEvents || trace;
  const marks = new Map(events.filter((e) => MILESTONES.includes(e.name)).map((e) => [e.name, e]));
  const ready = marks.get(MILESTONES[0]);
  const analysed = marks.get(MILESTONES[1]);
  const rendered = marks.get(MILESTONES[2]);
  const painted = marks.get(MILESTONES[3]);
  if (!ready || !analysed || !rendered || !painted) throw new Error('the page did not mark its milestones');
  const { pid, tid } = ready; // the page's main thread
  const commit = events.find((e) => e.pid === pid && e.name === 'DocumentLoader::CommitNavigation');
  const main = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X');
  const within = (e, from, to) => e.ts >= from.ts && e.ts <= to.ts;
  const lazy = total(main, (e) => e.name === 'wasm.CompileLazy' && within(e, ready, analysed));
  const layout = total(main, (e) => ['UpdateLayoutTree', 'Layout'].includes(e.name) && e.ts <= rendered.ts);
  const frame = total(main, (e) => ['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint'].includes(e.name) && within(e, rendered, painted));
  const since = (e) => (e.ts - commit.ts) / 1000;
  return {
    ready: since(ready),
    analysed: since(analysed),
    rendered: since(rendered),
    painted: since(painted),
    frameMs: frame.ms,
    analysis: (analysed.ts - ready.ts) / 1000,
    lazyMs: lazy.ms,
    lazyCount: lazy.count,
    layoutMs: layout.ms,
  };
}

const server = await startServer();
const browser = await launch();
const rows = [];
try {
  for (let i = 0; i < LOADS; i += 1) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await browser.startTracing(page, { categories: CATEGORIES });
    await page.goto(`${server.url}/www/`);
    await page.waitForSelector('.statements .statement .badge');
    rows.push(analyse(JSON.parse(String(await browser.stopTracing()))));
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

const median = (key) => rows.map((r) => r[key]).sort((a, b) => a - b)[rows.length >> 1];
const ms = (key) => `${median(key).toFixed(0)} ms`;
console.log(`| first render under a trace (median of ${LOADS} cold loads; ms from navigation commit) | value |`);
console.log('|---|---|');
console.log(`| module instantiated on the page | ${ms('ready')} |`);
console.log(`| demo analysed | ${ms('analysed')} |`);
console.log(`| account drawn | ${ms('rendered')} |`);
console.log(`| account on screen (the frame after it) | ${ms('painted')} |`);
console.log(`| the first analysis (instantiated → analysed) | ${ms('analysis')} |`);
console.log(`| … of which V8 compiling wasm functions on their first call | ${ms('lazyMs')} (${median('lazyCount')} functions) |`);
console.log(`| style and layout on the main thread before the account is drawn | ${ms('layoutMs')} |`);
console.log(`| style, layout and paint of the frame that shows it | ${ms('frameMs')} |`);

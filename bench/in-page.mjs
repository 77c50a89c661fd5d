// Timings that run inside a page (passed to Playwright's page.evaluate, so each function
// must be self-contained: it imports the module the page serves).

/** Warm weave() of `sources` in the page's thread: 30 calls to warm up, then 30 batches
 * of 10 calls (Chromium coarsens performance.now() to 0.1 ms), with the word caches kept
 * and with them emptied before each call. Medians and fastest batches, in ms per call. */
export async function timeWeave(sources) {
  const mod = await import('../pkg/newsweave.js');
  await mod.default(); // the page runs the module in its worker; this thread loads its own copy
  for (let i = 0; i < 30; i += 1) mod.weave(sources);
  const batches = (prepare) => {
    const times = [];
    for (let b = 0; b < 30; b += 1) {
      const t = performance.now();
      for (let i = 0; i < 10; i += 1) {
        prepare();
        mod.weave(sources);
      }
      times.push((performance.now() - t) / 10);
    }
    return times.sort((a, b) => a - b);
  };
  const warm = batches(() => {});
  const cold = batches(() => mod.clearCaches());
  return { ms: warm[15], fastest: warm[0], coldMs: cold[15], coldFastest: cold[0] };
}

/** Warm weave() of a large input in the page's thread: 2 calls to warm up, then the
 * median and fastest of 5, in ms per call. */
export async function timeCorpus(sources) {
  const mod = await import('../pkg/newsweave.js');
  await mod.default();
  for (let i = 0; i < 2; i += 1) mod.weave(sources);
  const times = [];
  for (let i = 0; i < 5; i += 1) {
    const t = performance.now();
    mod.weave(sources);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: times[2], fastest: times[0] };
}

// The analysis worker: runs `weave` off the main thread, so typing never stutters
// and a 10 MB paste does not freeze the tab. One request at a time; the client
// (client.js) coalesces requests that arrive while one is running.
import init, { weave } from '../pkg/newsweave.js';

// Instantiate, then fill the core's lazily built tables (decoded weights, word lists)
// with a tiny call while the page is still fetching its first input.
const ready = init().then(() => weave([{ label: '', text: 'Warm up.' }]));

self.onmessage = async (event) => {
  const { id, sources } = event.data;
  try {
    await ready;
    const started = performance.now();
    const digest = weave(sources);
    self.postMessage({ id, digest, ms: performance.now() - started });
  } catch (error) {
    self.postMessage({ id, error: { code: error.code || 'internal', message: error.message || String(error) } });
  }
};

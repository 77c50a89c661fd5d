// The analysis worker: runs `weave` off the main thread, so typing never stutters
// and a 10 MB paste does not freeze the tab. One request at a time; the client
// (client.js) coalesces requests that arrive while one is running. It also writes
// the Markdown export (`kind: 'markdown'`) of the last Digest it wove, without weaving again.
import init, { lastMarkdown, viewLimits, weave } from '../pkg/newsweave.js';

// Instantiate, then fill the core's lazily built tables (decoded weights, word lists)
// and let V8 compile the pipeline's functions, with one real sentence (a fragment like
// "Warm up." is set aside by the cleaner and would warm almost nothing).
const WARM_UP = 'Japan and the European Union signed a security pact in Tokyo on Friday, officials said.';
const ready = init().then(() => weave([{ label: '', text: WARM_UP }]));

self.onmessage = async (event) => {
  const { id, sources, kind, top } = event.data;
  try {
    await ready;
    if (kind === 'markdown') {
      self.postMessage({ id, markdown: lastMarkdown(top) });
      return;
    }
    const started = performance.now();
    const digest = weave(sources);
    self.postMessage({ id, digest, ms: performance.now() - started, limits: viewLimits() });
  } catch (error) {
    self.postMessage({ id, error: { code: error.code || 'internal', message: error.message || String(error) } });
  }
};


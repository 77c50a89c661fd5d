// WeaveClient: asks the worker (worker.js) for digests. A request made while another
// is running supersedes any request still waiting: only the newest input is analysed
// next, and answers to superseded requests are never delivered.
//
// The first request, if small (the demo, a restored article or two), runs on the page
// itself: the page has the module already, and starting a worker on a loaded machine
// takes longer than the whole analysis (docs/BENCHMARKS.md, "worker timeline"). There
// is no typing to keep smooth before the first account appears. The worker is started
// right after, and every later request goes to it. If the page cannot start a worker
// (the module is served from another origin than the page), analysis stays on the page.
import init, { lastMarkdown, viewLimits, weave } from '../pkg/newsweave.js';

/** Largest first request analysed on the page (bytes of text): a few milliseconds' work. */
const FIRST_ON_PAGE_BYTES = 64 * 1024;

export class WeaveClient {
  #worker = null;
  #onPage = false; // no worker can be started: everything runs here
  #pageModule = null; // the module instantiated on the page itself
  #running = null; // {id, sources, resolve, reject}
  #waiting = null; // {id, sources, resolve, reject}
  #nextId = 1;
  #exports = new Map(); // id -> {top, resolve, reject}: Markdown requests in the worker
  #deliveredBy = null; // 'page' or 'worker': whose module wove the last Digest delivered
  #deliveredSources = null; // the sources of the last Digest delivered

  constructor() {
    this.#pageModule = init(); // fetch and compile now, while the first input is being read
    this.#pageModule.catch(() => {}); // a failure is reported by the request that needs it
  }

  /**
   * Resolves to `{digest, ms, limits}` (`limits`: the core's `viewLimits()`), rejects with `{code, message}`; resolves to `null`
   * when a newer request superseded this one before it ran.
   */
  weave(sources) {
    return new Promise((resolve, reject) => {
      if (this.#waiting) this.#waiting.resolve(null);
      this.#waiting = { id: this.#nextId++, sources, resolve, reject };
      this.#pump();
    });
  }

  /**
   * Resolves to the account as Markdown (the core's `lastMarkdown`: the report the CLI
   * prints) of the last Digest this client delivered, `top` statements per story
   * (undefined: all); rejects with `{code, message}`. The sources are not woven again:
   * the module instance that wove them (the page's or the worker's) keeps the Digest.
   */
  markdown(top) {
    return new Promise((resolve, reject) => {
      const job = { top, resolve, reject };
      if (this.#deliveredBy === 'worker' && this.#worker) {
        const id = this.#nextId++;
        this.#exports.set(id, job);
        this.#worker.postMessage({ id, kind: 'markdown', top });
      } else {
        this.#markdownHere(job);
      }
    });
  }

  async #markdownHere({ top, resolve, reject }) {
    try {
      await this.#pageModule;
      // The worker that wove the Digest on screen has stopped: the page's module holds
      // another one, so it weaves those sources itself (the same Digest) before writing.
      if (this.#deliveredBy === 'worker') {
        weave(this.#deliveredSources);
        this.#deliveredBy = 'page';
      }
      resolve(lastMarkdown(top));
    } catch (error) {
      reject(errorOf(error));
    }
  }

  /** True while a request is running or waiting. */
  get busy() {
    return Boolean(this.#running || this.#waiting);
  }

  #pump() {
    if (this.#running || !this.#waiting) return;
    const job = this.#waiting;
    this.#waiting = null;
    this.#running = job;
    const first = job.id === 1;
    if (this.#onPage || (first && bytesOf(job.sources) <= FIRST_ON_PAGE_BYTES)) {
      this.#runHere(job);
    } else {
      this.#toWorker(job);
    }
  }

  /** Sends `job` to the worker, starting it if needed; false if no worker can run. */
  #toWorker(job) {
    this.#startWorker();
    this.#worker?.postMessage({ id: job.id, sources: job.sources });
    return Boolean(this.#worker);
  }

  #startWorker() {
    if (this.#worker || this.#onPage) return;
    try {
      this.#worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
      this.#worker.onmessage = (event) => this.#answer(event.data);
      this.#worker.onerror = () => this.#useMainThread();
    } catch {
      this.#useMainThread();
    }
  }

  #answer(data) {
    const exported = this.#exports.get(data.id);
    if (exported) {
      this.#exports.delete(data.id);
      if (data.error) exported.reject(data.error);
      else exported.resolve(data.markdown);
      return;
    }
    const job = this.#running;
    if (!job || job.id !== data.id) return;
    this.#running = null;
    if (data.error) job.reject(data.error);
    else {
      this.#deliveredBy = data.onPage ? 'page' : 'worker';
      this.#deliveredSources = job.sources;
      job.resolve({ digest: data.digest, ms: data.ms, limits: data.limits });
    }
    this.#pump();
  }

  async #runHere(job) {
    try {
      await this.#pageModule;
      performance.mark('newsweave:module-ready'); // milestones read by bench/wasm.mjs
    } catch (error) {
      // The page cannot compile the module (its CSP, say): the worker may still.
      if (this.#toWorker(job)) return;
      this.#answer({ id: job.id, error: { code: 'internal', message: error.message || String(error) } });
      return;
    }
    try {
      const started = performance.now();
      const digest = weave(job.sources);
      performance.mark('newsweave:analysed');
      this.#answer({ id: job.id, digest, ms: performance.now() - started, limits: viewLimits(), onPage: true });
      // Warm the worker for the next request once the page has painted this answer:
      // starting it takes the main thread for a while, and a timer alone may run
      // before the frame. Two frames on, so that what waits for the first frame after
      // the answer (the page's own work, its milestones) comes first.
      const start = () => setTimeout(() => this.#startWorker(), 0);
      if (document.hidden) start();
      else requestAnimationFrame(() => requestAnimationFrame(start));
    } catch (error) {
      this.#answer({ id: job.id, error: errorOf(error) });
    }
  }

  #useMainThread() {
    this.#worker?.terminate();
    this.#worker = null;
    this.#onPage = true;
    const job = this.#running;
    if (job) this.#runHere(job);
    for (const exported of this.#exports.values()) this.#markdownHere(exported);
    this.#exports.clear();
  }
}

/** An error thrown by the module (or anything else) as `{code, message}`, as the worker sends it. */
function errorOf(error) {
  return { code: error.code || 'internal', message: error.message || String(error) };
}

/** Size of a request: the sources' text lengths (UTF-16 code units), summed. */
export function bytesOf(sources) {
  return sources.reduce((n, s) => n + (s.text ? s.text.length : 0), 0);
}


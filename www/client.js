// WeaveClient: asks the worker (worker.js) for digests. A request made while another
// is running supersedes any request still waiting: only the newest input is analysed
// next, and answers to superseded requests are never delivered.
//
// If the page cannot start a worker (the module is served from another origin than
// the page), analysis runs on the main thread instead.
import init, { weave } from '../pkg/newsweave.js';

export class WeaveClient {
  #worker = null;
  #fallback = null;
  #running = null; // {id, resolve, reject}
  #waiting = null; // {id, sources, resolve, reject}
  #nextId = 1;

  constructor() {
    try {
      this.#worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
      this.#worker.onmessage = (event) => this.#answer(event.data);
      this.#worker.onerror = () => this.#useMainThread();
    } catch {
      this.#useMainThread();
    }
  }

  /**
   * Resolves to `{digest, ms}`, rejects with `{code, message}`; resolves to `null`
   * when a newer request superseded this one before it ran.
   */
  weave(sources) {
    return new Promise((resolve, reject) => {
      if (this.#waiting) this.#waiting.resolve(null);
      this.#waiting = { id: this.#nextId++, sources, resolve, reject };
      this.#pump();
    });
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
    if (this.#worker) {
      this.#worker.postMessage({ id: job.id, sources: job.sources });
    } else {
      this.#runHere(job);
    }
  }

  #answer(data) {
    const job = this.#running;
    if (!job || job.id !== data.id) return;
    this.#running = null;
    if (data.error) job.reject(data.error);
    else job.resolve({ digest: data.digest, ms: data.ms });
    this.#pump();
  }

  async #runHere(job) {
    try {
      this.#fallback ??= init();
      await this.#fallback;
      const started = performance.now();
      const digest = weave(job.sources);
      this.#answer({ id: job.id, digest, ms: performance.now() - started });
    } catch (error) {
      this.#answer({ id: job.id, error: { code: error.code || 'internal', message: error.message || String(error) } });
    }
  }

  #useMainThread() {
    this.#worker?.terminate();
    this.#worker = null;
    const job = this.#running;
    if (job) this.#runHere(job);
  }
}

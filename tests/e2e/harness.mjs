// Shared set-up for the end-to-end tests: serve dist/ exactly as `make demo` does, and
// drive Debian's Chromium with Playwright (never a downloaded browser).
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** What the server serves: dist/, www/ and pkg/ as the browser loads them (`make build`). */
export const SERVED = `${ROOT}dist/`;

/** The five demo articles (www/demo/*.txt, in file order) as weave() sources, dated as the page dates them. */
export function demoSeeds() {
  const dir = `${ROOT}www/demo/`;
  return readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()
    .map((f) => ({ label: f, text: readFileSync(dir + f, 'utf8'), published: '2024-11-01' }));
}

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Starts `python3 -m http.server` on a free loopback port; resolves to {url, close}. */
export function startServer() {
  return new Promise((resolve, reject) => {
    // Its request log goes to stderr: ignored, since a pipe nobody reads fills up (64 KB,
    // a few hundred requests) and then blocks the server mid-run.
    const server = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1'], { cwd: SERVED, stdio: ['ignore', 'pipe', 'ignore'] });
    const timeout = setTimeout(() => reject(new Error('http.server did not start')), 10_000);
    server.stdout.on('data', (chunk) => {
      const match = /port (\d+)/.exec(String(chunk));
      if (match) {
        clearTimeout(timeout);
        resolve({ url: `http://127.0.0.1:${match[1]}`, close: () => server.kill() });
      }
    });
    server.on('error', reject);
  });
}

/** Debian's Chromium; `CHROMIUM_EXTRA_ARGS` (space-separated) adds switches for a
 *  diagnosis, such as `--js-flags=--liftoff-only` (a page cannot set V8's flags). */
export async function launch() {
  const extra = (process.env.CHROMIUM_EXTRA_ARGS || '').split(' ').filter(Boolean);
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...extra] });
}

/**
 * Opens `path` (default: the demo page) in a fresh browser context (its own
 * localStorage) and waits until the merged account and its panels are drawn. Collects console
 * errors, page errors and dialogs so tests can assert there were none.
 * Options: viewport, colorScheme, bypassCSP, permissions, wait (a selector).
 */
export async function openDemo(browser, baseUrl, options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport || { width: 1280, height: 900 },
    colorScheme: options.colorScheme || 'light',
    bypassCSP: Boolean(options.bypassCSP),
    permissions: options.permissions || [],
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('dialog', async (dialog) => { problems.push(`dialog: ${dialog.message()}`); await dialog.dismiss(); });
  await page.goto(`${baseUrl}${options.path || '/www/'}`);
  await page.waitForSelector(options.wait || '.statements .statement .badge');
  // The panels around the account are drawn a task after it: wait for the whole of it.
  if (!options.wait) await page.waitForSelector('.output[data-drawn]', { state: 'attached' });
  const close = () => context.close();
  return { page, context, problems, close };
}

/**
 * One server and one Chromium for a test file, started and stopped by node:test hooks.
 * `session.open(options)` is `openDemo` on them.
 */
export function useSession() {
  const session = {
    server: null,
    browser: null,
    open: (options) => openDemo(session.browser, session.server.url, options),
  };
  before(async () => {
    session.server = await startServer();
    session.browser = await launch();
  });
  after(async () => {
    await session.browser?.close();
    session.server?.close();
  });
  return session;
}

/** Dispatches a paste of `data` ({mime type: text}) into the last source pane. */
export async function pasteIntoLastSource(page, data) {
  await page.locator('.panes textarea').last().evaluate((area, items) => {
    const transfer = new DataTransfer();
    for (const [type, value] of Object.entries(items)) transfer.setData(type, value);
    area.focus();
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, data);
}

/** Resolves once the account has been drawn again after `action()` (a new analysis,
 *  a correction, another length): its draw counter moves on. */
/**
 * Two reports that disagree on a date ("Jan. 1, 2025" / "March 1, 2025"): with them
 * the demo's account has a statement whose sources really differ (the seeds have none).
 */
export const CONFLICTING_REPORTS = [
  { label: 'Report A', text: "Japan's defence ministry said the new pact with the European Union takes effect on Jan. 1, 2025, after both parliaments approve it." },
  { label: 'Report B', text: "Japan's defense ministry said the new pact with the European Union takes effect on March 1, 2025, after both parliaments approve it." },
];

/** Adds [`CONFLICTING_REPORTS`] to the element's sources and waits for the new account. */
export async function addConflictingReports(page) {
  await redrawn(page, () => page.locator('news-weave').evaluate((e, extra) => { e.sources = [...e.sources, ...extra]; }, CONFLICTING_REPORTS));
}

export async function redrawn(page, action) {
  const before = await page.locator('news-weave').evaluate((e) => Number(e.shadowRoot.querySelector('.output').dataset.drawn || 0));
  await action();
  await page.waitForFunction((n) => Number(document.querySelector('news-weave').shadowRoot.querySelector('.output').dataset.drawn || 0) > n, before);
}

// Hostile input in the browser: pasted markup never runs, the page makes no network
// request after load, work survives a reload, and a huge paste neither freezes the tab
// nor loses text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ROOT, pasteIntoLastSource, useSession } from './harness.mjs';

const session = useSession();

/** Filter-evasion patterns after the well-known XSS cheat sheets (OWASP, PortSwigger). */
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<a href="javascript:alert(1)">click</a>',
  '<body onload=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<video><source onerror=alert(1)></video>',
  '<audio src=x onerror=alert(1)>',
  '<object data="javascript:alert(1)">',
  '<embed src="javascript:alert(1)">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<marquee onstart=alert(1)>',
  '<div style="background:url(javascript:alert(1))">',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#49;&#41;>',
  '<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x31&#x29>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '"><script>alert(1)</script>',
  '\'><img src=x onerror=alert(1)>',
  '</textarea><script>alert(1)</script>',
  '<base href="javascript:alert(1)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<link rel=import href="data:text/html,<script>alert(1)</script>">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
  '<img src="x:x" onerror="eval(atob(\'YWxlcnQoMSk=\'))">',
  'javascript:alert(document.cookie)',
  '<style>@import \'javascript:alert(1)\';</style>',
  '<x onclick=alert(1)>click me</x>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<template><script>alert(1)</script></template>',
];

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
// Mostly words of its own per payload, so the carriers are not near duplicates of each other.
const sentence = (k, payload) => `Report ${k + 1}a says ${k + 1}b ${k + 1}c ${payload} ${k + 1}d ${k + 1}e ${k + 1}f.`;

/** Elements and attributes that pasted markup would need to run or load anything. */
async function activeContent(page) {
  return page.evaluate(() => {
    const dangerous = 'script, img, iframe, svg, object, embed, a, video, audio, form, base, meta, style, math, marquee, noscript, template, x';
    const roots = [document, document.querySelector('news-weave').shadowRoot];
    const found = [];
    for (const root of roots) {
      for (const node of root.querySelectorAll(dangerous)) {
        if (node.closest('head')) continue; // the page's own <meta>, <link>, <script src> tags
        if (node.matches('a[href^="#"]')) continue; // the widget's own links within itself
        found.push(node.tagName);
      }
      for (const node of root.querySelectorAll('*')) {
        for (const attr of node.attributes) if (/^on/i.test(attr.name)) found.push(`${node.tagName}[${attr.name}]`);
      }
    }
    return found;
  });
}

for (const path of ['plain text', 'HTML']) {
  test(`${PAYLOADS.length} XSS payloads pasted as ${path} are shown as text and never run`, async () => {
    const { page, problems, close } = await session.open();
    await page.evaluate(() => { window.__ran = false; });
    await page.selectOption('select', 'all');
    await page.click('.add-source');
    if (path === 'plain text') {
      await pasteIntoLastSource(page, { 'text/plain': PAYLOADS.map((p, k) => sentence(k, p)).join('\n\n') });
    } else {
      // Each payload in its own paste, twice: as text (entity-encoded in a paragraph)
      // and as live markup (which the HTML parser may let swallow what follows it).
      for (const [k, p] of PAYLOADS.entries()) {
        const html = `<p>${escapeHtml(sentence(k, p))}</p><div>${p}</div>`;
        await pasteIntoLastSource(page, { 'text/html': html, 'text/plain': 'unused' });
        await page.locator('.panes textarea').last().press('End');
        await page.keyboard.press('Enter');
        await page.keyboard.press('Enter');
      }
    }
    await page.locator('.statements .statement', { hasText: `Report ${PAYLOADS.length}a says` }).waitFor();
    await page.waitForTimeout(300); // an onerror or onload handler would have fired by now
    const account = await page.locator('.account').textContent();
    const missing = PAYLOADS.filter((p, k) => !account.includes(sentence(k, p)));
    assert.deepEqual(missing, [], 'every payload appears verbatim, as text');
    assert.deepEqual(await activeContent(page), []);
    assert.equal(await page.evaluate(() => window.__ran), false);
    // The only console messages allowed are the CSP reporting what it blocked while the
    // markup was parsed (DOMParser's inert document still reports inline styles).
    const unexpected = problems.filter((p) => !/^console: .*Content Security Policy/.test(p));
    assert.deepEqual(unexpected, [], 'no dialog, no error');
    await close();
  });
}

test('the page carries a strict CSP and makes no network request after load, whatever the reader does', async () => {
  const { page, problems, close } = await session.open({ permissions: ['clipboard-read', 'clipboard-write'] });
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.doesNotMatch(csp, /unsafe-inline|https?:|\*/);
  assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline script');

  // Loading ends when the analysis worker, started once the first account is drawn,
  // has fetched the module too: on a busy machine that can come a moment later.
  await page.waitForLoadState('networkidle');
  const requests = [];
  page.on('request', (r) => { if (!/^(blob|data):/.test(r.url())) requests.push(r.url()); });
  // Every control: edit, add, paste, length, index, disclosure, hover, exports, remove.
  await page.locator('.panes textarea').first().focus();
  await page.keyboard.insertText('Borrell met officials in Seoul on Saturday. ');
  await page.locator('.field-text input').first().fill('First outlet');
  await page.click('.add-source');
  await pasteIntoLastSource(page, { 'text/html': '<p>Iwaya said the pact was signed in Tokyo.</p><nav>Home</nav>' });
  await page.waitForTimeout(400);
  await page.selectOption('select', '20');
  await page.locator('.index-name').first().click();
  await page.locator('.single-source summary').click();
  await page.locator('.statements .badge').first().hover();
  await page.click('.copy-markdown');
  await Promise.all([page.waitForEvent('download'), page.click('.download-json')]);
  await page.evaluate(() => { window.print = () => { window.__printed = true; }; }); // no print dialog in CI
  await page.click('.print');
  assert.equal(await page.evaluate(() => window.__printed), true);
  await page.locator('.remove').last().click();
  await page.waitForTimeout(400);
  assert.deepEqual(requests, []);
  assert.deepEqual(problems, []);
  await close();
});

test('a reload mid-edit keeps every source\'s text, label and date', async () => {
  const { page, context, problems, close } = await session.open();
  await page.click('.add-source');
  const pane = page.locator('.panes .source').last();
  await pane.locator('textarea').focus();
  await page.keyboard.insertText('A new source typed just now. Borrell will visit Seoul');
  await pane.locator('.field-text input').fill('My outlet');
  await pane.locator('.field-date input').fill('2024-10-30');
  const before = await page.locator('news-weave').evaluate((e) => e.sources);
  await page.reload(); // before the analysis debounce has even fired
  await page.waitForSelector('.statements .statement .badge');
  const afterReload = await page.locator('news-weave').evaluate((e) => e.sources);
  assert.equal(afterReload.length, 6);
  assert.deepEqual(afterReload, before);
  assert.equal(await page.locator('.panes .source').last().locator('.field-text input').inputValue(), 'My outlet');
  assert.equal(await page.locator('.panes textarea').last().inputValue(), 'A new source typed just now. Borrell will visit Seoul');
  assert.deepEqual(problems, []);
  void context;
  await close();
});

test('a 10 MB paste does not freeze the page, shows the limit message and loses nothing', async () => {
  const { page, problems, close } = await session.open();
  const article = readFileSync(`${ROOT}www/demo/003_c7d9bafb4a5f74ae.txt`, 'utf8');
  await page.click('.add-source');
  // Count animation frames while the pastes are analysed: the main thread must keep drawing.
  await page.evaluate(() => {
    window.__gaps = [];
    let last = performance.now();
    const tick = (now) => { window.__gaps.push(now - last); last = now; if (window.__gaps.length < 100000) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  // 3 MB first: within the limit, analysed in the worker with a progress bar.
  const three = `${article}\n\n`.repeat(Math.ceil(3e6 / article.length));
  await pasteIntoLastSource(page, { 'text/plain': three });
  await page.locator('progress.progress').waitFor({ state: 'visible' });
  await page.locator('.status', { hasText: /\d+ statements/ }).waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => !document.querySelector('news-weave').shadowRoot.querySelector('progress.progress').checkVisibility(), null, { timeout: 60_000 });
  // Then 7 MB more in another source: 10 MB in all, over the input limit.
  const seven = `${article}\n\n`.repeat(Math.ceil(7e6 / article.length));
  await page.click('.add-source');
  await pasteIntoLastSource(page, { 'text/plain': seven });
  await page.locator('.message', { hasText: 'too long for one analysis' }).waitFor({ timeout: 60_000 });
  // Megabytes are shown as a read-only preview (a <textarea> would take seconds to lay
  // them out); every character is kept.
  const kept = await page.locator('news-weave').evaluate((e) => e.sources.slice(5).map((s) => s.text.length));
  assert.deepEqual(kept, [three.length, seven.length], 'the pasted text is all still there');
  assert.equal(await page.locator('.panes textarea').last().getAttribute('readonly'), '');
  assert.equal(await page.locator('.edit-full').count(), 2);
  assert.ok(await page.locator('.note', { hasText: 'too large to keep' }).isVisible(), await page.locator('.note').evaluate((n) => `${n.hidden} ${n.textContent}`));
  const worst = await page.evaluate(() => Math.max(...window.__gaps.slice(1)));
  assert.ok(worst < 1000, `the page stopped drawing for ${worst.toFixed(0)} ms`);
  assert.deepEqual(problems, []);
  await close();
});

// The <news-weave> element as people use it: embedded in a host page, configured by
// attributes, fed by HTML paste and file drop, operated by keyboard, checked by axe,
// on a phone. Also saves screenshots (light, dark, phone): under target/screenshots/, or
// under SCREENSHOT_DIR (`make screenshots` refreshes the README's in docs/), so that a
// test run leaves the working tree as it found it.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { ROOT, addConflictingReports, pasteIntoLastSource, redrawn, useSession } from './harness.mjs';

const require = createRequire(import.meta.url);
const session = useSession();
const SHOTS = `${ROOT}${process.env.SCREENSHOT_DIR || 'target/screenshots'}/`;
mkdirSync(SHOTS, { recursive: true });

test('embedded in a host page whose own CSS must not change the widget', async () => {
  const { page, problems, close } = await session.open({ path: '/www/embed.html' });
  const item = page.locator('news-weave .statement').first();
  const style = await item.evaluate((li) => ({ color: getComputedStyle(li).color, size: getComputedStyle(li).fontSize }));
  assert.notEqual(style.color, 'rgb(220, 20, 60)', 'the host page colour reached the widget');
  assert.notEqual(style.size, '30px', 'the host page font size reached the widget');
  const hostParagraph = await page.locator('article > p').evaluate((p) => getComputedStyle(p).color);
  assert.equal(hostParagraph, 'rgb(220, 20, 60)', 'the host style applies outside the widget');
  // Configured by attributes: result only (no panes), top 5, and the events carry the Digest.
  assert.equal(await page.locator('news-weave .inputs').isVisible(), false);
  assert.equal(await page.locator('news-weave .statement').count(), 5);
  const events = await page.evaluate(() => window.weaveEvents);
  assert.ok(events.result >= 1 && events.statements > 20, JSON.stringify(events));
  // Setting `sources` to nothing fires weave-error with a typed code.
  await page.evaluate(() => { document.querySelector('news-weave').sources = []; });
  await page.waitForFunction(() => window.weaveEvents.errors.includes('no_sources'));
  assert.deepEqual(problems, []);
  await close();
});

test('pasted HTML becomes clean text that keeps paragraphs and drops scripts, styles and navigation', async () => {
  const { page, problems, close } = await session.open();
  await page.click('.add-source');
  const html = '<html><head><style>p{color:red}</style><title>Tab title</title></head><body>'
    + '<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
    + '<h1>Seoul seizes fuel ship</h1><script>window.__ran = true</script>'
    + '<p>Officials in <b>Seoul</b> said the coastguard seized a ship&nbsp;on Sunday.</p>'
    + '<p>The ship was escorted to Incheon.<br>Customs officers inspected it.</p>'
    + '<ul><li>First point</li><li>Second point</li></ul><footer><form><button>Subscribe</button></form></footer></body></html>';
  await pasteIntoLastSource(page, { 'text/html': html, 'text/plain': 'the plain flavour is not used when HTML is there' });
  const text = await page.locator('.panes textarea').last().inputValue();
  assert.equal(text, 'Seoul seizes fuel ship\n\nOfficials in Seoul said the coastguard seized a ship on Sunday.\n\n'
    + 'The ship was escorted to Incheon.\nCustoms officers inspected it.\n\nFirst point\n\nSecond point');
  await page.selectOption('select', 'all');
  await page.locator('.statements .statement', { hasText: 'coastguard seized' }).waitFor();
  assert.equal(await page.evaluate(() => window.__ran), undefined);
  assert.deepEqual(problems.filter((p) => !/Content Security Policy/.test(p)), []);
  await close();
});

test('dropping .txt and .html files adds them as sources', async () => {
  const { page, problems, close } = await session.open();
  await page.locator('.nw').evaluate((frame) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['Officials in Lagos opened a new rail line to the port on Monday, the transport ministry said.'], 'lagos.txt', { type: 'text/plain' }));
    transfer.items.add(new File(['<p>The mayor of Lyon <i>inaugurated</i> a tram extension on Tuesday.</p><script>window.__ran = 1</script>'], 'lyon.html', { type: 'text/html' }));
    transfer.items.add(new File(['binary'], 'photo.png', { type: 'image/png' }));
    frame.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    frame.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  });
  await page.locator('.panes .source').nth(6).waitFor();
  const areas = page.locator('.panes textarea');
  assert.match(await areas.nth(5).inputValue(), /Lagos opened a new rail line/);
  assert.equal(await areas.nth(6).inputValue(), 'The mayor of Lyon inaugurated a tram extension on Tuesday.');
  await page.locator('.note', { hasText: 'Only .txt and .html' }).waitFor();
  await page.selectOption('select', 'all');
  await page.locator('.statements .statement', { hasText: 'tram extension' }).waitFor();
  assert.equal(await page.evaluate(() => window.__ran), undefined);
  assert.deepEqual(problems, []);
  await close();
});

test('everything works from the keyboard alone, with a visible focus', async () => {
  const { page, problems, close } = await session.open();
  // Tab from the top of the page to "Add source" and press Enter: a new pane gets the focus.
  let focused = '';
  for (let k = 0; k < 40 && focused !== 'Add source'; k += 1) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.querySelector('news-weave').shadowRoot.activeElement?.textContent || '');
  }
  assert.equal(focused, 'Add source');
  const outline = await page.evaluate(() => getComputedStyle(document.querySelector('news-weave').shadowRoot.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'the focus is visible');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText('Officials in Nairobi said the new bridge over the river would open to traffic in March next year.');
  await page.locator('.panes .source').nth(5).waitFor();
  // The length menu, the index and the exports are ordinary controls: reach them by Tab.
  const reach = async (selector) => {
    for (let k = 0; k < 400; k += 1) {
      if (await page.evaluate((s) => document.querySelector('news-weave').shadowRoot.activeElement?.matches(s), selector)) return true;
      await page.keyboard.press('Tab');
    }
    return false;
  };
  assert.ok(await reach('select'), 'the length menu is reachable');
  await page.keyboard.press('End'); // "all statements"
  await page.locator('.statements .statement', { hasText: 'Nairobi' }).waitFor();
  assert.ok(await reach('.index-name'), 'the entity index is reachable');
  await page.keyboard.press('Enter');
  assert.ok(await page.locator('.index-name[aria-pressed="true"]').count() === 1);
  assert.ok(await page.locator('.statements mark.ent-active').count() >= 1);
  await page.keyboard.press('Space');
  assert.equal(await page.locator('.index-name[aria-pressed="true"]').count(), 0);
  assert.deepEqual(problems, []);
  await close();
});

for (const colorScheme of ['light', 'dark']) {
  test(`axe finds no serious or critical violations (${colorScheme})`, async () => {
    // bypassCSP lets the test inject axe-core into the page; the page itself is unchanged.
    const { page, problems, close } = await session.open({ colorScheme, bypassCSP: true });
    await page.waitForTimeout(200); // let the stylesheet settle before the screenshot
    await page.screenshot({ path: `${SHOTS}screenshot-${colorScheme}.png` });
    // Open every part: the closed panels, a statement's markers (with two reports that
    // disagree, so that the "sources differ" parts exist).
    await addConflictingReports(page);
    for (const panel of ['.single-source', '.quotes', '.disagreements']) await page.locator(`${panel} > summary`).click();
    const first = page.locator('.statements .statement').first();
    for (const marker of ['.wording', '.why']) await first.locator(`${marker} > summary`).click();
    await first.locator('.why-summary').waitFor();
    await page.locator('.statements .statement .disagreement > summary').first().click();
    await page.addScriptTag({ content: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
    const serious = async () => (await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }))).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    assert.deepEqual(await serious(), []);
    // And a source seen whole.
    await first.locator('.badges .badge').first().click();
    await page.locator('dialog.source-view .sv-target').waitFor();
    assert.deepEqual(await serious(), [], 'the source view');
    assert.deepEqual(problems, []);
    await close();
  });
}

test('the page fits a 360 px phone screen', async () => {
  const { page, problems, close } = await session.open({ viewport: { width: 360, height: 740 } });
  const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  // Every control is at least 24 px tall (WCAG 2.2 target size, minimum).
  const small = await page.evaluate(() => [...document.querySelector('news-weave').shadowRoot.querySelectorAll('button, select, input')]
    .filter((b) => b.checkVisibility() && b.getBoundingClientRect().height < 24).map((b) => b.className || b.tagName));
  assert.deepEqual(small, []);
  await page.locator('.statements').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}screenshot-phone.png` });
  assert.deepEqual(problems, []);
  await close();
});

test('the README\'s views: a source seen whole, and why a statement was joined', async () => {
  const { page, problems, close } = await session.open();
  // The Korea leg of the trip is far down the account: show all of it.
  await redrawn(page, () => page.selectOption('select', 'all'));
  const statement = page.locator('.statements .statement', { hasText: 'top the agenda' });
  await statement.locator('.why > summary').click();
  await statement.locator('.why-summary').waitFor();
  await statement.scrollIntoViewIfNeeded();
  const top = await statement.evaluate((e) => e.getBoundingClientRect().top + window.scrollY);
  const bottom = await statement.evaluate((e) => e.getBoundingClientRect().bottom + window.scrollY);
  const left = await page.locator('.output').evaluate((e) => e.getBoundingClientRect().left);
  await page.screenshot({ path: `${SHOTS}screenshot-why.png`, fullPage: true, clip: { x: left - 12, y: top - 12, width: 1280 - left, height: Math.min(bottom - top + 24, 1400) } });
  await statement.locator('.badges .badge').nth(2).click();
  await page.locator('dialog.source-view .sv-target').waitFor();
  await page.waitForTimeout(200);
  await page.screenshot({ path: `${SHOTS}screenshot-source.png` });
  assert.deepEqual(problems, []);
  await close();
});

// End to end: the demo page in real headless Chromium.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, openDemo, ROOT, startServer } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('the demo renders a merged account with numbered source badges', async () => {
  const { page, problems } = await openDemo(browser, server.url);
  const statements = await page.locator('.statements .statement').count();
  assert.ok(statements >= 20, `expected a full account, got ${statements} statements`);
  // The most corroborated statement comes first and carries several badges.
  const firstBadges = await page.locator('.statements .statement').first().locator('.badge').allTextContents();
  assert.ok(firstBadges.length >= 2, `first statement should be corroborated: ${firstBadges}`);
  assert.deepEqual(firstBadges, [...firstBadges].sort((a, b) => a - b));
  // Entities are highlighted by type, with a legend.
  assert.ok(await page.locator('.statements mark.ent-PER').count() > 0);
  assert.ok(await page.locator('#legend mark.ent-LOC').count() === 1);
  // Page furniture of seed 004 never becomes a statement.
  const text = await page.locator('#statements').textContent();
  for (const furniture of ['READ ALSO', 'Subscribe', 'Copyright', 'Michel Barnier', 'Digital edition']) {
    assert.ok(!text.includes(furniture), `"${furniture}" leaked into the account`);
  }
  await page.screenshot({ path: `${ROOT}docs/screenshot.png` });
  assert.deepEqual(problems, []);
  await page.close();
});

test('pasting a new source changes the account', async () => {
  const { page, problems } = await openDemo(browser, server.url);
  const before = await page.locator('.statements .statement').count();
  await page.click('#add-source');
  const area = page.locator('#sources textarea').last();
  await area.focus();
  const article = 'Officials in Seoul said the Korean coastguard seized a cargo ship carrying illegal fuel near the border on Sunday. The ship was escorted to the port of Incheon for inspection by customs officers.';
  await page.keyboard.insertText(article);
  await page.waitForFunction((n) => document.querySelectorAll('.statements .statement').length > n, before);
  const newest = page.locator('.statements .statement', { hasText: 'Incheon' });
  await newest.waitFor();
  // The new statement is credited to the new source (number 6) and to no other.
  assert.deepEqual(await newest.locator('.badge').allTextContents(), ['6']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('hovering or focusing a badge shows that source\'s own sentence', async () => {
  const { page, problems } = await openDemo(browser, server.url);
  const statement = page.locator('.statements .statement').first();
  const badges = statement.locator('.badge');
  const n = await badges.count();
  const seen = new Set();
  for (let k = 0; k < n; k += 1) {
    const badge = badges.nth(k);
    const source = Number(await badge.textContent()) - 1;
    if (k % 2 === 0) await badge.hover(); else await badge.focus();
    const tip = page.locator('#tooltip');
    await tip.waitFor({ state: 'visible' });
    const shown = await tip.locator('span').textContent();
    // The sentence shown is one the source itself contains, verbatim.
    const sourceText = await page.locator('#sources textarea').nth(source).inputValue();
    assert.ok(shown.length > 20 && sourceText.includes(shown), `badge ${source + 1} showed a sentence not in its source: ${shown}`);
    seen.add(shown);
  }
  assert.ok(seen.size >= 2, 'different sources show their own wording');
  assert.deepEqual(problems, []);
  await page.close();
});

test('pasted markup is shown as text and never runs', async () => {
  const { page, problems } = await openDemo(browser, server.url);
  await page.click('#add-source');
  await page.locator('#sources textarea').last().focus();
  const payload = 'Officials confirmed the payload <img src=x onerror=alert(1)> arrived in the capital on Monday, the agency said.';
  await page.keyboard.insertText(payload);
  const item = page.locator('.statements .statement', { hasText: '<img src=x onerror=alert(1)>' });
  await item.waitFor();
  assert.equal(await page.locator('.statements img').count(), 0);
  assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), 0);
  await page.waitForTimeout(300); // an onerror handler would have fired by now
  assert.deepEqual(problems, []);
  await page.close();
});

test('the <news-weave> element embeds in a host page whose styles do not leak in', async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(err.message));
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(msg.text()); });
  await page.goto(`${server.url}/www/embed.html`);
  const item = page.locator('news-weave .statement').first(); // Playwright pierces open shadow roots
  await item.waitFor();
  const style = await item.evaluate((li) => ({ color: getComputedStyle(li).color, size: getComputedStyle(li).fontSize }));
  assert.notEqual(style.color, 'rgb(220, 20, 60)', 'the host page colour reached the widget');
  assert.notEqual(style.size, '30px', 'the host page font size reached the widget');
  const hostParagraph = await page.locator('article > p').evaluate((p) => getComputedStyle(p).color);
  assert.equal(hostParagraph, 'rgb(220, 20, 60)', 'the host style applies outside the widget');
  assert.ok(await page.locator('news-weave .statement').count() >= 20);
  assert.deepEqual(problems, []);
  await page.close();
});

// End to end: the demo page (one <news-weave editable demo persist> element) in real
// headless Chromium. Playwright's CSS locators pierce the element's open shadow root.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { addConflictingReports, redrawn, useSession } from './harness.mjs';

const session = useSession();

const statements = (page) => page.locator('.statements .statement');

test('the demo renders a short merged account with numbered source badges', async () => {
  const { page, problems, close } = await session.open();
  assert.equal(await statements(page).count(), 10, 'the default account is the top 10');
  // The most corroborated statement comes first and carries several badges, in order.
  const firstBadges = await statements(page).first().locator('.badges .badge').allTextContents();
  assert.ok(firstBadges.length >= 2, `first statement should be corroborated: ${firstBadges}`);
  assert.deepEqual(firstBadges, [...firstBadges].sort((a, b) => a - b));
  assert.equal(await statements(page).first().locator('.source-count').textContent(), `${firstBadges.length} sources`);
  // Badges have text alternatives naming the source.
  assert.match(await statements(page).first().locator('.badges .badge').first().getAttribute('aria-label'), /^Source \d+: \S/);
  // Entities are highlighted by type, with a legend.
  assert.ok(await page.locator('.statements mark.ent-PER').count() > 0);
  assert.equal(await page.locator('.legend mark.ent-LOC').count(), 1);
  // "All statements" shows the whole account; page furniture of seed 004 is not in it.
  await page.selectOption('select', 'all');
  await page.waitForFunction(() => document.querySelector('news-weave').shadowRoot.querySelectorAll('.statement').length > 20);
  const text = await page.locator('.statements').textContent();
  for (const furniture of ['READ ALSO', 'Subscribe', 'Copyright', 'Michel Barnier', 'Digital edition']) {
    assert.ok(!text.includes(furniture), `"${furniture}" leaked into the account`);
  }
  assert.deepEqual(problems, []);
  await close();
});

test('pasting a new source changes the account', async () => {
  const { page, problems, close } = await session.open();
  await page.selectOption('select', 'all');
  await page.click('.add-source');
  const area = page.locator('.panes textarea').last();
  await area.focus();
  const article = 'Officials in Seoul said the Korean coastguard seized a cargo ship carrying illegal fuel near the border on Sunday. The ship was escorted to the port of Incheon for inspection by customs officers.';
  await page.keyboard.insertText(article);
  const newest = page.locator('.statements .statement', { hasText: 'Incheon' });
  await newest.waitFor();
  // The new statement is credited to the new source (number 6) and to no other.
  assert.deepEqual(await newest.locator('.badge').allTextContents(), ['6']);
  // Only the first (small) analysis ran on the page; this edit was analysed in the worker.
  assert.equal(await page.evaluate(() => performance.getEntriesByName('newsweave:analysed').length), 1);
  assert.deepEqual(problems, []);
  await close();
});

test('hovering or focusing a badge shows that source\'s own sentence', async () => {
  const { page, problems, close } = await session.open();
  const badges = statements(page).first().locator('.badges .badge');
  const n = await badges.count();
  const seen = new Set();
  for (let k = 0; k < n; k += 1) {
    const badge = badges.nth(k);
    const source = Number(await badge.textContent()) - 1;
    if (k % 2 === 0) await badge.hover(); else await badge.focus();
    const tip = page.locator('.tooltip');
    await tip.waitFor({ state: 'visible' });
    const shown = await tip.locator('span').textContent();
    // The sentence shown is one the source itself contains, verbatim.
    const sourceText = await page.locator('.panes textarea').nth(source).inputValue();
    assert.ok(shown.length > 20 && sourceText.includes(shown), `badge ${source + 1} showed a sentence not in its source: ${shown}`);
    seen.add(shown);
  }
  assert.ok(seen.size >= 2, 'different sources show their own wording');
  assert.deepEqual(problems, []);
  await close();
});

test('the entity index lists aliases, roles and sources; clicking an entry highlights its mentions', async () => {
  const { page, problems, close } = await session.open();
  const entry = page.locator('.index-entry', { has: page.locator('.index-name', { hasText: /^Josep Borrell$/ }) });
  const details = await entry.locator('.index-details').textContent();
  assert.match(details, /also Borrell/);
  assert.match(details, /EU foreign policy chief/);
  assert.ok(await entry.locator('.index-sources .badge').count() >= 4, 'Borrell is in at least four sources');
  const button = entry.locator('.index-name');
  await button.click();
  assert.equal(await button.getAttribute('aria-pressed'), 'true');
  const id = await button.getAttribute('data-entity');
  const active = page.locator('.statements mark.ent-active');
  assert.ok(await active.count() >= 2);
  const ids = await active.evaluateAll((marks) => [...new Set(marks.map((m) => m.dataset.entity))]);
  assert.deepEqual(ids, [id], 'only this entity\'s mentions are highlighted');
  await button.click();
  assert.equal(await active.count(), 0, 'a second click clears the highlight');
  assert.deepEqual(problems, []);
  await close();
});

test('dates are on a timeline in order, with their normalised values', async () => {
  const { page, problems, close } = await session.open();
  const values = await page.locator('.timeline-list time').evaluateAll((ts) => ts.map((t) => t.dateTime));
  assert.ok(values.includes('2024-10-31'), `Thursday before 1 Nov 2024 is 2024-10-31: ${values}`);
  assert.ok(values.includes('2024-11-01'));
  assert.deepEqual(values, [...values].sort());
  assert.equal(await page.locator('.timeline-dot').count(), values.length);
  assert.deepEqual(problems, []);
  await close();
});

test('quotes, single-source statements and the coverage grid come from the digest', async () => {
  const { page, problems, close } = await session.open();
  await page.locator('.quotes summary').click();
  const quote = page.locator('.quote', { hasText: 'We live in a very dangerous world' }).first();
  assert.equal(await quote.locator('.quote-speaker').textContent(), 'Josep Borrell');
  const digest = await page.locator('news-weave').evaluate((e) => e.digest);
  const single = digest.statements.filter((s) => s.sources.length === 1).length;
  assert.match(await page.locator('.single-source summary').textContent(), new RegExp(`\\(${single} statements\\)`));
  await page.locator('.single-source summary').click();
  assert.equal(await page.locator('.single-group li').count(), single);
  // The grid: one row per shown statement, one column per source, cells as reported.
  const rows = page.locator('.coverage tbody tr');
  assert.equal(await rows.count(), 10);
  const firstRow = await rows.first().locator('td').evaluateAll((tds) => tds.map((td) => td.className));
  const expected = digest.sources.map((s) => (digest.statements[0].sources.includes(s.index) ? 'covered' : 'not-covered'));
  assert.deepEqual(firstRow, expected);
  // At every length the grid stays small enough to take in: 25 rows at most.
  await redrawn(page, () => page.selectOption('select', 'all'));
  assert.equal(await page.locator('.statements .statement').count(), digest.statements.length);
  assert.ok(digest.statements.length > 25);
  assert.equal(await rows.count(), 25);
  // The seeds' sources never contradict each other: a source that gives no date
  // disagrees with no one, so nothing is listed as differing.
  assert.equal(digest.statements.filter((st) => st.disagreements && st.disagreements.length).length, 0);
  assert.ok(await page.locator('.disagreements').isHidden());
  // Two reports that give the pact's start two different dates do differ.
  await addConflictingReports(page);
  const withConflict = await page.locator('news-weave').evaluate((e) => e.digest);
  // The "sources differ" part lists exactly the statements with disagreements.
  const differing = withConflict.statements.filter((st) => st.disagreements && st.disagreements.length).length;
  assert.ok(differing > 0);
  await page.locator('.disagreements summary').first().click();
  assert.equal(await page.locator('.disagreement-list > li').count(), differing);
  // A date written without its day shows the day it resolves to ("Friday (2024-11-01)").
  const dates = withConflict.statements
    .flatMap((st) => st.disagreements || [])
    .filter((d) => d.type === 'DATE')
    .flatMap((d) => d.by_source.flatMap((b) => b.texts.map((text, i) => [text, b.values[i]])))
    .filter(([text, value]) => /^\d/.test(value) && !text.includes(value));
  assert.ok(dates.length > 0, 'the reports date the pact');
  const shown = await page.locator('news-weave').evaluate((e) => e.shadowRoot.querySelector('.disagreement-list').textContent);
  for (const [text, value] of dates) assert.ok(shown.includes(`${text} (${value})`), `${text} (${value})`);
  assert.deepEqual(problems, []);
  await close();
});

test('Copy Markdown gives the account with footnote citations; Download JSON gives the digest', async () => {
  const { page, problems, close } = await session.open({ permissions: ['clipboard-read', 'clipboard-write'] });
  await page.click('.copy-markdown');
  await page.locator('.note', { hasText: 'copied' }).waitFor();
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  const lines = markdown.split('\n');
  assert.equal(lines[0], '# Japan and the EU sign a new security and defense pact');
  // The core's report (`markdown` in the module), the same as `newsweave merge --top 10`:
  // the summary at the page's length, each item citing and counting its sources.
  const items = lines.filter((l) => /^\d+\. /.test(l));
  assert.equal(items.length, 10);
  assert.match(items[0], /(\[\^\d\]){2,} \(\d sources\)$/, 'the first statement cites several sources');
  for (let s = 1; s <= 5; s += 1) assert.ok(lines.some((l) => l.startsWith(`[^${s}]: `)), `footnote ${s}`);
  for (const heading of ['## Quotes', '## Only one source reports', '## Coverage', '## Sources']) {
    assert.ok(lines.includes(heading), heading);
  }
  assert.ok(lines.some((l) => /^ +- Wording differs:$/.test(l)));
  assert.ok(lines.some((l) => /^ +- worded differently: /.test(l)));
  // The length selector sets the export's length too.
  await page.selectOption('select', '5');
  await page.click('.copy-markdown');
  await page.waitForFunction(async () => (await navigator.clipboard.readText()).includes('most important of') && (await navigator.clipboard.readText()).split('\n').filter((l) => /^\d+\. /.test(l)).length === 5);

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('.download-json')]);
  const digest = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(digest.sources.length, 5);
  assert.ok(digest.statements.length > 20 && digest.entities.length > 20);
  assert.deepEqual(problems, []);
  await close();
});

test('an empty label and date show the outlet or title and the byline date the core found', async () => {
  const { page, problems, close } = await session.open();
  await page.click('.add-source');
  await page.keyboard.insertText('Lagos opens new rail line to the port\n\nBy: Staff - Posted: Tuesday, March 4, 2025\n\n'
    + 'Officials in Lagos opened a new rail line to the port on Monday, the transport ministry said in a statement.');
  const pane = page.locator('.panes .source').nth(5);
  await page.waitForFunction(() => document.querySelector('news-weave').shadowRoot.querySelectorAll('.field-date input')[5].value !== '');
  assert.equal(await pane.locator('.field-date input').inputValue(), '2025-03-04');
  // What the core found is the field's value (not a grey placeholder), marked as found.
  const label = pane.locator('.field-text input');
  assert.equal(await label.inputValue(), 'Lagos opens new rail line to the port');
  assert.match(await label.getAttribute('class'), /detected/);
  // The detected values are shown, not stored: the reader's own value is what is kept.
  assert.equal(await page.locator('news-weave').evaluate((e) => e.sources[5].published), '');
  assert.equal(await page.locator('news-weave').evaluate((e) => e.sources[5].label), '');
  await label.fill('Lagos Daily');
  assert.equal(await page.locator('news-weave').evaluate((e) => e.sources[5].label), 'Lagos Daily');
  await page.locator('.source-legend button', { hasText: 'Lagos Daily' }).waitFor();
  await pane.locator('.field-date input').fill('2025-03-05');
  assert.equal(await page.locator('news-weave').evaluate((e) => e.sources[5].published), '2025-03-05');
  assert.deepEqual(problems, []);
  await close();
});

test('"wording differs" opens each outlet\'s version with the differing words highlighted', async () => {
  const { page, problems, close } = await session.open();
  // The Korea leg of the trip is far down the account: show all of it.
  await redrawn(page, () => page.selectOption('select', 'all'));
  const statement = page.locator('.statements .statement', { hasText: 'top the agenda' });
  const marker = statement.locator('.wording > summary');
  assert.equal(await marker.textContent(), 'wording differs');
  await marker.click();
  const versions = statement.locator('.wording-list li');
  assert.equal(await versions.count(), await statement.locator('.badges .badge').count(), 'one version per source');
  const all = (await versions.allTextContents()).join(' | ');
  assert.match(all, /heads to South Korea/);
  assert.match(all, /will head to South Korea/);
  // The outlet whose sentence says more is credited for the shared part, and told so.
  const more = versions.filter({ hasText: 'departed for South Korea' });
  assert.match(await more.textContent(), /says more: credited for what the shown wording says/);
  assert.equal(await versions.filter({ hasText: 'says more' }).count(), 1);
  // Words the shown (representative) wording lacks are highlighted, others are not.
  const highlighted = await statement.locator('ins.diff').allTextContents();
  assert.ok(highlighted.includes('heads') || highlighted.includes('head'), highlighted.join(','));
  assert.ok(!highlighted.includes('Borrell'));
  assert.deepEqual(problems, []);
  await close();
});

test('unrelated articles get accounts of their own, each under a heading', async () => {
  const { page, problems, close } = await session.open();
  await page.selectOption('select', 'all');
  for (const text of [
    'An earthquake of magnitude 6.1 struck the coast of northern Chile on Tuesday, the geological survey said. Buildings swayed in the port city of Arica and power was cut to thousands of homes.',
    'A strong earthquake shook northern Chile on Tuesday, cutting power to thousands of homes in Arica, officials said. The navy ruled out a tsunami.',
  ]) {
    await page.click('.add-source');
    await page.keyboard.insertText(text);
  }
  await page.locator('.status', { hasText: /^7 sources · / }).waitFor(); // both quakes in, all drawn
  const headings = page.locator('.account .story-heading');
  assert.equal(await headings.count(), 2);
  assert.match(await headings.nth(1).textContent(), /^Story 2: /);
  // Every statement of the second story is credited to the quake sources only (6, 7).
  const second = await page.locator('.account .story').nth(1).locator('.statement').evaluateAll((items) => items.map((li) => [...li.querySelectorAll('.badges .badge')].map((b) => b.textContent)));
  assert.ok(second.length >= 2 && second.every((badges) => badges.every((n) => n === '6' || n === '7')), JSON.stringify(second));
  // The coverage grid has a table per story, each with that story's sources as columns.
  const grids = page.locator('.coverage');
  await grids.nth(1).waitFor(); // the panels are drawn after the account
  assert.equal(await grids.count(), 2);
  assert.match(await grids.nth(1).locator('caption').textContent(), /^Story 2: /);
  assert.deepEqual(await grids.nth(1).locator('thead .badge').allTextContents(), ['6', '7']);
  // A short account is short per story: the second story is not pushed out by the first.
  await page.selectOption('select', '5');
  await page.waitForFunction(() => document.querySelector('news-weave').shadowRoot.querySelectorAll('.statements .statement').length <= 10);
  assert.equal(await headings.count(), 2);
  const perStory = await page.locator('.account .story').evaluateAll((stories) => stories.map((s) => s.querySelectorAll('.statement').length));
  assert.equal(perStory[0], 5);
  assert.ok(perStory[1] >= 2 && perStory[1] <= 5, JSON.stringify(perStory));
  assert.deepEqual(problems, []);
  await close();
});

test('the page fetches each file once, and preloads the demo articles it analyses', async () => {
  const context = await session.browser.newContext();
  const page = await context.newPage();
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(`${session.server.url}/www/`);
  await page.waitForSelector('.output[data-drawn]', { state: 'attached' });
  // A preload whose request mode differs from the later fetch is fetched twice. The
  // worker, started after the first account, loads the module once more in its own
  // scope: that is not a second fetch from the page.
  const pageFetches = fetched.slice(0, fetched.indexOf('/www/worker.js') >>> 0);
  assert.deepEqual(pageFetches.filter((path, i) => pageFetches.indexOf(path) !== i), []);
  const preloaded = await page.evaluate(() => [...document.querySelectorAll('link[rel=preload]')].map((l) => new URL(l.href).pathname));
  const demoFiles = [...readFileSync(new URL('../../www/demo.js', import.meta.url), 'utf8').matchAll(/file: '([^']+)'/g)].map((m) => `/www/demo/${m[1]}`);
  assert.equal(demoFiles.length, 5);
  assert.deepEqual(preloaded.filter((p) => p.startsWith('/www/demo/')), demoFiles, 'the preloads name the demo articles');
  assert.ok(preloaded.includes('/pkg/newsweave_bg.wasm') && preloaded.includes('/www/style.css'));
  await context.close();
});

test('the first account is drawn before the source panes, which follow it', async () => {
  const context = await session.browser.newContext();
  const page = await context.newPage();
  // When the element marks the account drawn, count the panes' textareas.
  await page.addInitScript(() => {
    const mark = performance.mark.bind(performance);
    performance.mark = (name, options) => {
      if (name === 'newsweave:first-render') {
        window.panesAtFirstRender = document.querySelector('news-weave').shadowRoot.querySelectorAll('.panes textarea').length;
      }
      return mark(name, options);
    };
  });
  await page.goto(`${session.server.url}/www/`);
  await page.waitForSelector('.output[data-drawn]', { state: 'attached' });
  assert.equal(await page.evaluate(() => window.panesAtFirstRender), 0);
  assert.equal(await page.locator('.panes textarea').count(), 5);
  assert.match(await page.locator('.panes textarea').first().inputValue(), /Japan/);
  await context.close();
});

test('every font of the first account on screen was looked up before the account', async () => {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  // A font is its family, size, weight and style; those of the warm-up text, taken when
  // the account is drawn.
  const fontsOf = () => {
    window.fontOf = (node) => {
      const s = getComputedStyle(node);
      return `${s.fontFamily}|${s.fontSize}|${s.fontWeight}|${s.fontStyle}`;
    };
    const mark = performance.mark.bind(performance);
    performance.mark = (name, options) => {
      if (name === 'newsweave:first-render') {
        const warm = document.querySelector('news-weave').shadowRoot.querySelector('.font-warmup');
        window.warmedFonts = warm ? [...warm.children].map(window.fontOf) : [];
      }
      return mark(name, options);
    };
  };
  await page.addInitScript(fontsOf);
  await page.goto(`${session.server.url}/www/`);
  await page.waitForSelector('.output[data-drawn]', { state: 'attached' });
  const { warmed, shown, left } = await page.evaluate(() => {
    const root = document.querySelector('news-weave').shadowRoot;
    const shownFonts = new Set();
    for (const node of root.querySelectorAll('.output *')) {
      const box = node.getBoundingClientRect();
      const hasText = [...node.childNodes].some((c) => c.nodeType === Node.TEXT_NODE && c.textContent.trim());
      if (hasText && node.checkVisibility() && box.bottom > 0 && box.top < innerHeight) shownFonts.add(window.fontOf(node));
    }
    return { warmed: window.warmedFonts, shown: [...shownFonts], left: root.querySelectorAll('.font-warmup').length };
  });
  assert.ok(warmed.length > 0, 'the warm-up text was there when the account was drawn');
  assert.deepEqual(shown.filter((font) => !warmed.includes(font)), [], 'fonts of the account not looked up before it');
  assert.equal(left, 0, 'the warm-up text is removed once the account is on screen');
  await context.close();
});

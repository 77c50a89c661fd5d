// The widget as a fact-checker's workbench (issue 33), one test per item: the outlet
// legend everywhere badges are, a source seen whole and back, why a statement was
// joined, the reader's splits and joins, the quotes panel, several stories at once,
// a 360 px phone, the keyboard, the tooltip, undo, and the small faults.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { pasteIntoLastSource, redrawn, useSession } from './harness.mjs';

const session = useSession();
const shadow = (page, f, arg) => page.locator('news-weave').evaluate(f, arg);
/** Waits until the element's focused element has `property` equal to `value` (the
 *  focus comes back in the dialog's close event, a task after the close). */
const focusReturns = (page, property, value) => page.waitForFunction(([p, v]) => document.querySelector('news-weave').shadowRoot.activeElement?.[p] === v, [property, value]);
const digestOf = (page) => shadow(page, (e) => e.digest);

test('the outlet legend is on the page, in the embed, in print and in the Markdown', async () => {
  const { page, problems, close } = await session.open({ permissions: ['clipboard-read', 'clipboard-write'] });
  const digest = await digestOf(page);
  const items = page.locator('.source-legend li');
  assert.equal(await items.count(), 5);
  for (let i = 0; i < 5; i += 1) {
    const item = items.nth(i);
    assert.equal(await item.locator('.badge').textContent(), String(i + 1));
    assert.match(await item.locator('.badge').getAttribute('class'), new RegExp(`badge-${i}\\b`));
    const s = digest.sources[i];
    assert.equal(await item.locator('button').textContent(), s.label || s.outlet || s.title || `Source ${i + 1}`);
  }
  // Detected names are real values in the panes, not cut-off grey placeholders.
  assert.equal(await page.locator('.panes .field-text input').nth(2).inputValue(), 'Taiwan Central Broadcasting Station');
  // On paper the legend stays; the controls go.
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.locator('.source-legend').isVisible());
  assert.ok(!(await page.locator('.toolbar').isVisible()));
  await page.emulateMedia({ media: 'screen' });
  // The Markdown report opens with the same key.
  await page.click('.copy-markdown');
  await page.locator('.note', { hasText: 'copied' }).waitFor();
  const lines = (await page.evaluate(() => navigator.clipboard.readText())).split('\n');
  assert.equal(lines[2], `**Sources:** [^1] ${digest.sources[0].title} · [^2] Source 2 · [^3] Taiwan Central Broadcasting Station · [^4] ${digest.sources[3].title} · [^5] Euractiv.com`);
  assert.deepEqual(problems, []);
  await close();
  // The embed (no source panes) has it too.
  const embed = await session.open({ path: '/www/embed.html' });
  assert.equal(await embed.page.locator('news-weave .source-legend li').count(), 5);
  assert.ok(await embed.page.locator('news-weave .source-legend').isVisible());
  assert.deepEqual(embed.problems, []);
  await embed.close();
});

test('a badge opens its source whole at its own sentence, and goes back again', async () => {
  const { page, problems, close } = await session.open();
  // The first statement that more than one source gives.
  const statement = page.locator('.statements .statement', { has: page.locator('.badges .badge').nth(1) }).first();
  const badge = statement.locator('.badges .badge').nth(1);
  const source = Number(await badge.textContent()) - 1;
  await badge.click();
  const dialog = page.locator('dialog.source-view');
  await dialog.waitFor();
  assert.match(await dialog.locator('.sv-title').textContent(), new RegExp(`^${source + 1} `));
  // The highlighted sentence is the source's own wording of the statement, in view.
  const digest = await digestOf(page);
  const id = Number(await statement.getAttribute('data-statement'));
  const own = digest.statements[id].sentences.map((k) => digest.sentences[k]).find((s) => s.source === source);
  const target = dialog.locator('.sv-target');
  assert.equal(await target.textContent(), own.text);
  assert.ok(await target.isVisible());
  assert.ok(await target.evaluate((t) => {
    const box = t.getBoundingClientRect();
    const view = t.closest('.sv-text').getBoundingClientRect();
    return box.top >= view.top && box.bottom <= view.bottom;
  }), 'the sentence is scrolled into view');
  // Every sentence of the source is there, in order; the full text, not just the account's.
  const shown = await dialog.locator('.sv-text .sv-sentence').allTextContents();
  assert.deepEqual(shown, digest.sentences.filter((s) => s.source === source).map((s) => s.text));
  // Back: the dialog closes and the focus is on the badge again.
  await dialog.locator('.sv-back').click();
  assert.ok(!(await dialog.isVisible()));
  await focusReturns(page, 'textContent', String(source + 1));
  // Set-aside text of the Euractiv page is dimmed and says what it is.
  await page.locator('.source-legend button').nth(4).click();
  const roles = await dialog.locator('.sv-role').allTextContents();
  for (const role of ['page furniture', 'byline', 'headline']) assert.ok(roles.includes(role), `${role} in ${roles}`);
  const [aside, body] = await Promise.all([
    dialog.locator('.sv-aside').first().evaluate((s) => getComputedStyle(s).color),
    dialog.locator('.sv-text .sv-st').first().evaluate((s) => getComputedStyle(s).color),
  ]);
  assert.notEqual(aside, body, 'set-aside text is dimmed');
  // A sentence's number goes to its statement in the account.
  const tag = dialog.locator('.sv-tag').first();
  const goTo = await tag.getAttribute('data-statement');
  await tag.click();
  assert.ok(!(await dialog.isVisible()));
  const item = page.locator(`.statements #st-${goTo}`);
  await item.waitFor();
  assert.equal(await shadow(page, (e) => e.shadowRoot.activeElement?.id), `st-${goTo}`);
  assert.match(await item.getAttribute('class'), /flash/);
  assert.deepEqual(problems, []);
  await close();
});

test('"why joined?" says which words, names and details the wordings share, and how alike they are', async () => {
  const { page, problems, close } = await session.open();
  // The Korea leg of the trip is far down the account: show all of it.
  await redrawn(page, () => page.selectOption('select', 'all'));
  const statement = page.locator('.statements .statement', { hasText: 'top the agenda' });
  await statement.locator('.why > summary').click();
  const why = await statement.locator('.why-summary').textContent();
  assert.match(why, /^3 wordings from 3 sources joined as one fact\./);
  assert.match(why, /the names [^.]*Borrell/);
  assert.match(why, /South Korea/);
  assert.match(why, /“agenda”/);
  assert.match(why, /They say it (nearly word for word|largely in the same words|the same fact in other words)[^:]*: \d+ % of their words in common\.$/);
  assert.equal(await statement.locator('.why-members li').count(), 3);
  // Each wording shows where it stands in its source, and back.
  const member = statement.locator('.why-members li').nth(1);
  const wording = await member.locator('.why-text').textContent();
  await member.locator('.show-in-source').click();
  await page.locator('dialog.source-view .sv-target').waitFor();
  assert.equal(await page.locator('dialog.source-view .sv-target').textContent(), wording);
  await page.keyboard.press('Escape');
  await focusReturns(page, 'className', 'show-in-source');
  // Dates shared by the wordings are named with the day they resolve to.
  const first = page.locator('.statements .statement').first();
  await first.locator('.why > summary').click();
  assert.match(await first.locator('.why-summary').textContent(), /\(2024-11-01\)/);
  // A statement of one wording offers a join instead.
  await page.selectOption('select', 'all');
  const single = page.locator('.statements .statement', { has: page.locator('.why > summary', { hasText: 'join…' }) }).first();
  await single.locator('.why > summary').click();
  await single.locator('.why-join select').waitFor(); // why.js loads when first opened
  assert.ok(await single.locator('.why-join select option').count() > 10);
  assert.deepEqual(problems, []);
  await close();
});

test('a split and a join survive a new analysis and a reload, reach both exports, and can be undone', async () => {
  const { page, problems, close } = await session.open({ permissions: ['clipboard-read', 'clipboard-write'] });
  await redrawn(page, () => page.selectOption('select', 'all'));
  const account = page.locator('.statements .statement');
  // Split source 5's wording out of the South Korea statement (sources 3, 4 and 5).
  const trip = account.filter({ hasText: 'top the agenda' });
  await trip.locator('.why > summary').click();
  await redrawn(page, () => trip.locator('.why-members li', { hasText: 'will head to South Korea' }).locator('.split').click());
  const korea = account.filter({ hasText: 'heads to South Korea' });
  const alone = account.filter({ hasText: 'will head to South Korea' });
  assert.deepEqual(await alone.locator('.badge').allTextContents(), ['5']);
  assert.equal(await alone.locator('.marker-override').textContent(), 'split out by you');
  assert.deepEqual(await korea.locator('.badges .badge').allTextContents(), ['3', '4']);
  // Join "thousands of North Korean soldiers" into "test-fired" (two statements of sources 3 and 5).
  const missile = account.filter({ hasText: 'test-fired its latest' });
  const soldiers = await account.filter({ hasText: 'North Korean soldiers are currently in Russia' }).getAttribute('data-statement');
  await missile.locator('.why > summary').click();
  await missile.locator('.why-join select').selectOption(soldiers);
  await redrawn(page, () => missile.locator('.why-actions .join').click());
  const joined = account.filter({ hasText: 'test-fired its latest' });
  assert.equal(await joined.locator('.marker-override').textContent(), 'joined by you');
  assert.equal(await account.filter({ hasText: 'North Korean soldiers are currently in Russia' }).count(), 0, 'the joined statement is gone');
  await joined.locator('.why > summary').click();
  await joined.locator('.why-summary').waitFor();
  assert.equal(await joined.locator('.why-members li').count(), 4);
  const check = async (when) => {
    assert.deepEqual(await account.filter({ hasText: 'will head to South Korea' }).locator('.badges .badge').allTextContents(), ['5'], when);
    assert.equal(await account.filter({ hasText: 'test-fired its latest' }).locator('.marker-override').textContent(), 'joined by you', when);
    assert.equal(await page.locator('.clear-corrections').textContent(), 'Undo my corrections (2)', when);
  };
  // A new analysis (an edit elsewhere moves every index) keeps both: they match by text.
  await redrawn(page, async () => {
    await page.locator('.panes textarea').first().focus();
    await page.keyboard.press('Control+Home');
    await page.keyboard.insertText('Officials in Lima opened a new bridge over the river on Monday after years of delays.\n\n');
  });
  await check('after a new analysis');
  // And a reload.
  await page.reload();
  await page.waitForSelector('.output[data-drawn]', { state: 'attached' });
  await redrawn(page, () => page.selectOption('select', 'all'));
  await check('after a reload');
  // The JSON export carries the corrected statements and the corrections.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('.download-json')]);
  const json = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(json.corrections.length, 2);
  assert.ok(json.statements.some((st) => st.override === 'split' && st.sources.join() === '4'));
  // The Markdown export too: the split-out wording is an item of its own.
  await page.click('.copy-markdown');
  await page.locator('.note', { hasText: 'copied' }).waitFor();
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(markdown, /\*With 2 corrections made by hand/);
  assert.match(markdown, /^\d+\. After the Tokyo talks, Borrell will head to South Korea.*\[\^5\] \(1 source\)$/m);
  // Undo them all: the account is the core's again, and nothing is kept.
  await redrawn(page, () => page.click('.clear-corrections'));
  assert.deepEqual(await account.filter({ hasText: 'will head to South Korea' }).locator('.badges .badge').allTextContents(), ['3', '4', '5']);
  assert.equal(await page.evaluate(() => localStorage.getItem('newsweave:sources:overrides')), null);
  assert.deepEqual(problems, []);
  await close();
});

test('the Markdown port writes the stories exactly as the core does', async () => {
  const { page, problems, close } = await session.open();
  await page.selectOption('select', 'all');
  for (const text of [
    'An earthquake of magnitude 6.1 struck the coast of northern Chile on Tuesday, the geological survey said. Buildings swayed in Arica.',
    'A strong earthquake shook northern Chile on Tuesday, cutting power to thousands of homes in Arica, officials said.',
  ]) {
    await page.click('.add-source');
    await page.keyboard.insertText(text);
  }
  await page.locator('.account .story-heading').nth(1).waitFor();
  const same = await page.evaluate(async () => {
    const sources = document.querySelector('news-weave').sources;
    const core = await import('/pkg/newsweave.js');
    await core.default();
    const { storiesMarkdown } = await import('/www/markdown.js');
    const digest = core.weave(sources.map((s) => ({ label: s.label, text: s.text, published: s.published || undefined })));
    return [3, 10, undefined].map((top) => {
      const report = core.lastMarkdown(top);
      const mine = storiesMarkdown(digest, top);
      return report.startsWith(mine) && mine.length > 500 ? 'same' : `${mine}\n----\n${report}`;
    });
  });
  assert.deepEqual(same, ['same', 'same', 'same']);
  assert.deepEqual(problems, []);
  await close();
});

test('the quotes panel starts closed with a count, leaves out fragments and lists each quote once', async () => {
  const { page, problems, close } = await session.open();
  const quotes = page.locator('details.quotes');
  assert.equal(await quotes.evaluate((d) => d.open), false, 'closed by default');
  const count = Number((await quotes.locator('summary').textContent()).match(/\((\d+) quotes?\)/)[1]);
  assert.equal(await quotes.locator('.quote').count(), 0, 'drawn only when opened');
  await quotes.locator('summary').click();
  assert.equal(await quotes.locator('.quote').count(), count);
  // No scare quote or fragment: every listed wording has four words or more.
  const wordings = await quotes.locator('.quote-text q').allTextContents();
  const short = wordings.filter((w) => (w.match(/[\p{L}\p{N}]+/gu) || []).length < 4);
  assert.deepEqual(short, []);
  assert.ok(!wordings.includes('specific naval cooperation,'));
  // One quote, one entry: "first agreement of this nature" (source 3) and "the first
  // agreement of this nature" (source 4) are one entry with both outlets' wordings.
  const entry = quotes.locator('.quote', { hasText: 'first agreement of this nature' });
  assert.equal(await entry.count(), 1);
  assert.deepEqual((await entry.locator('.badge').allTextContents()).sort(), ['3', '4']);
  // Borrell's "dangerous world" is one entry with every outlet's wording beneath it.
  const dangerous = quotes.locator('.quote', { hasText: 'dangerous world' });
  assert.equal(await dangerous.count(), 1);
  assert.equal(await dangerous.locator('.quote-speaker').textContent(), 'Josep Borrell');
  assert.ok(await dangerous.locator('.quote-text').count() >= 2);
  // Beside a quote in the account, its speaker, where the sentence does not name them.
  await redrawn(page, () => page.selectOption('select', 'all'));
  const tags = await page.locator('.statements .speaker-tag').allTextContents();
  assert.ok(tags.length > 0 && tags.every((t) => /^\(.+\)$/.test(t)), tags.join());
  assert.deepEqual(problems, []);
  await close();
});

test('several stories come in order, each under a short title, numbered from 1, listed at the top', async () => {
  const { page, problems, close } = await session.open();
  const add = async (text) => {
    await page.click('.add-source');
    await page.keyboard.insertText(text);
  };
  await add('Quake shakes northern Chile\n\nAn earthquake of magnitude 6.1 struck the coast of northern Chile on Tuesday, the geological survey said. Buildings swayed in the port city of Arica and power was cut to thousands of homes.');
  await add('Strong earthquake hits Chile, cutting power in Arica\n\nA strong earthquake shook northern Chile on Tuesday, cutting power to thousands of homes in Arica, officials said. The navy ruled out a tsunami.');
  await add('Lagos opens rail line to the port\n\nOfficials in Lagos opened a new rail line to the port on Monday, the transport ministry said. The line will carry containers from the docks to an inland depot.');
  await add('Lagos port gets a railway\n\nA new rail line linking the port of Lagos to an inland container depot opened on Monday, the ministry of transport said.');
  // The account of all nine sources, drawn (the status line comes last).
  await page.locator('.status', { hasText: /^9 sources · / }).waitFor();
  const headings = page.locator('.account .story-heading');
  const titles = await headings.allTextContents();
  assert.equal(titles.length, 3);
  titles.forEach((t, k) => assert.match(t, new RegExp(`^Story ${k + 1}: \\S`)));
  // Titles are short: one headline (the most central), not a list of every one.
  assert.match(titles[0], /^Story 1: Japan and EU announce new defense pact$/);
  assert.ok(titles.every((t) => t.length <= 110), titles.join(' | '));
  // The story list at the top links to each story, in the same order.
  const links = page.locator('.story-list a');
  assert.deepEqual((await links.allTextContents()).map((t, k) => `Story ${k + 1}: ${t}`), titles);
  await links.nth(2).click();
  assert.equal(await shadow(page, (e) => e.shadowRoot.activeElement?.id), 'story-3');
  // Each story is its own list, numbered from 1, with its heading outside the items.
  const lists = page.locator('.account ol.statements');
  assert.equal(await lists.count(), 3);
  assert.equal(await page.locator('.statement .story-heading').count(), 0, 'no heading inside a numbered item');
  for (let k = 0; k < 3; k += 1) {
    const box = await lists.nth(k).evaluate((ol) => {
      const heading = ol.closest('.story').querySelector('.story-heading').getBoundingClientRect();
      return { start: ol.start, headingBottom: heading.bottom, itemTop: ol.firstElementChild.getBoundingClientRect().top };
    });
    assert.equal(box.start, 1);
    assert.ok(box.headingBottom <= box.itemTop, 'the heading does not overprint the first number');
    // The numbers shown (drawn as text, so they print and survive content-visibility).
    const numbers = await lists.nth(k).locator('.statement-number').evaluateAll((ns) => ns.map((n) => [n.textContent, n.checkVisibility()]));
    assert.deepEqual(numbers, numbers.map((_, i) => [`${i + 1}.`, true]));
  }
  // Stories in the account's order: the first story's statements come first in the Digest.
  const digest = await digestOf(page);
  const order = [];
  for (const st of digest.statements) if (order[order.length - 1] !== st.story) order.push(st.story);
  assert.equal(new Set(order).size, order.length, 'each story once, in one run');
  assert.deepEqual(problems, []);
  await close();
});

test('on a 360 px phone the account comes first and the coverage grid shows whole statements', async () => {
  const { page, problems, close } = await session.open({ viewport: { width: 360, height: 740 } });
  const top = (selector) => page.locator(selector).first().evaluate((e) => e.getBoundingClientRect().top + window.scrollY);
  assert.ok(await top('.output') < await top('.inputs'), 'the account is above the source panes');
  assert.ok(await top('.statements .statement') < 1000, 'the first statement is within the first screen or so');
  // A link goes to the sources (the account is already first).
  const toSources = page.locator('.jump-sources');
  assert.ok(await toSources.isVisible());
  await toSources.click();
  assert.equal(await shadow(page, (e) => e.shadowRoot.activeElement?.id), 'sources-heading');
  // The grid fits: every source column is on screen, and each row shows its whole statement.
  const grid = page.locator('.coverage').first();
  await grid.scrollIntoViewIfNeeded();
  const fit = await grid.evaluate((table) => {
    const body = table.closest('.panel-body');
    const cells = [...table.querySelectorAll('thead th')];
    return { scroll: body.scrollWidth - body.clientWidth, right: Math.max(...cells.map((c) => c.getBoundingClientRect().right)), columns: cells.length };
  });
  assert.equal(fit.columns, 6);
  assert.ok(fit.scroll <= 0, `the grid scrolls sideways by ${fit.scroll}px`);
  assert.ok(fit.right <= 360, `the last column ends at ${fit.right}px`);
  const digest = await digestOf(page);
  const rows = await grid.locator('.coverage-statement').evaluateAll((ths) => ths.map((th) => ({
    text: th.textContent, clipped: th.scrollWidth > th.clientWidth + 1 || getComputedStyle(th).textOverflow === 'ellipsis',
  })));
  rows.forEach((row, k) => {
    assert.equal(row.text, `${k + 1}. ${digest.statements[k].text}`);
    assert.equal(row.clipped, false);
  });
  const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  assert.deepEqual(problems, []);
  await close();
});

test('a skip link, one tab stop per statement, arrow keys between badges, names for screen readers', async () => {
  const { page, problems, close } = await session.open();
  const active = () => shadow(page, (e) => {
    const a = e.shadowRoot.activeElement;
    return a ? { text: a.textContent, id: a.id, cls: a.className, label: a.getAttribute('aria-label'), tab: a.tabIndex } : null;
  });
  await page.keyboard.press('Tab');
  assert.equal((await active())?.text, 'Skip to the merged account', 'the first Tab reaches the skip link');
  await page.keyboard.press('Enter');
  assert.equal((await active())?.id, 'account-heading');
  // From the heading, Tab reaches the first statement's badges within a few presses.
  let presses = 0;
  for (; presses < 15 && !/badge/.test((await active())?.cls || ''); presses += 1) await page.keyboard.press('Tab');
  assert.match((await active()).cls, /badge/);
  assert.ok(presses <= 12, `${presses} presses from the heading to the first badges`);
  // One tab stop per statement; the arrow keys move within it.
  const statements = await page.locator('.statements .statement').count();
  assert.equal(await page.locator('.badges .badge[tabindex="0"]').count(), statements);
  const first = page.locator('.statements .statement').first().locator('.badges .badge');
  const labels = await first.evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')));
  assert.ok(labels.every((l) => /^Source \d+: \S/.test(l)), labels.join());
  assert.match(await page.locator('.statements .statement').first().locator('.badges').getAttribute('aria-label'), /^Reported by 3 sources/);
  assert.equal(await page.locator('.statements .statement').first().locator('.badges').getAttribute('role'), 'group');
  await page.keyboard.press('ArrowRight');
  assert.equal((await active()).label, labels[1]);
  assert.equal((await active()).tab, 0, 'the focused badge is the tab stop');
  await page.keyboard.press('End');
  assert.equal((await active()).label, labels[labels.length - 1]);
  await page.keyboard.press('Home');
  assert.equal((await active()).label, labels[0]);
  await page.keyboard.press('Tab');
  assert.doesNotMatch((await active()).cls, /badge/, 'Tab leaves the badges');
  // Enter on a badge opens its source; Escape closes it and returns.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await page.locator('dialog.source-view').waitFor();
  await page.keyboard.press('Escape');
  await page.waitForFunction((label) => document.querySelector('news-weave').shadowRoot.activeElement?.getAttribute('aria-label') === label, labels[0]);
  assert.deepEqual(problems, []);
  await close();
});

test('the badge tooltip closes on a scroll, a tap elsewhere and a blur', async () => {
  const { page, problems, close } = await session.open();
  const tip = page.locator('.tooltip');
  const badge = page.locator('.statements .statement').nth(1).locator('.badges .badge').first();
  // Keyboard focus, then a scroll.
  await badge.focus();
  await tip.waitFor({ state: 'visible' });
  await page.mouse.move(5, 5);
  await page.mouse.wheel(0, 300);
  await tip.waitFor({ state: 'hidden' });
  // A tap on the badge (a touch has no "leave"), then a tap elsewhere.
  const blur = () => shadow(page, (e) => e.shadowRoot.activeElement?.blur());
  await blur();
  await badge.scrollIntoViewIfNeeded();
  await badge.focus();
  await tip.waitFor({ state: 'visible' });
  await page.locator('.masthead h1').click();
  await tip.waitFor({ state: 'hidden' });
  // The window losing the focus.
  await blur();
  await badge.focus();
  await tip.waitFor({ state: 'visible' });
  await page.evaluate(() => window.dispatchEvent(new Event('blur')));
  await tip.waitFor({ state: 'hidden' });
  // Hover still shows it, and moving away hides it.
  await badge.hover();
  await tip.waitFor({ state: 'visible' });
  await page.mouse.move(5, 5);
  await tip.waitFor({ state: 'hidden' });
  assert.deepEqual(problems, []);
  await close();
});

test('removing a source or all of them can be undone, and restored after a reload', async () => {
  const { page, problems, close } = await session.open();
  const panes = page.locator('.panes .source');
  const second = await page.locator('.panes textarea').nth(1).inputValue();
  await page.locator('.remove').nth(1).click();
  assert.equal(await panes.count(), 4);
  const undo = page.locator('.note .note-action', { hasText: 'Undo' });
  assert.match(await page.locator('.note').textContent(), /^Removed source 2\./);
  await page.waitForTimeout(10_500);
  assert.ok(await undo.isVisible(), 'the Undo is still there after ten seconds');
  await undo.click();
  assert.equal(await panes.count(), 5);
  assert.equal(await page.locator('.panes textarea').nth(1).inputValue(), second);
  // Clear all asks nothing (no dialog) and can be undone the same way...
  await page.click('.clear-all');
  assert.equal(await panes.count(), 0);
  assert.match(await page.locator('.note').textContent(), /^Removed all 5 sources\./);
  // ...or restored after a reload, from the short history of removals.
  await page.reload();
  await page.locator('.recent summary').waitFor();
  assert.equal(await page.locator('.recent summary').textContent(), 'Recently removed (1)');
  await page.locator('.recent summary').click();
  await page.locator('.recent .restore').click();
  assert.equal(await panes.count(), 5);
  await page.waitForSelector('.statements .statement .badge');
  assert.equal(await page.locator('.panes textarea').nth(1).inputValue(), second);
  assert.ok(await page.locator('.recent').isHidden());
  assert.deepEqual(problems, []);
  await close();
});

test('small faults: counts agree in number, "$" is in the highlight, no space before a comma in print, grid and timeline link to statements', async () => {
  const { page, problems, close } = await session.open({ permissions: ['clipboard-read', 'clipboard-write'] });
  // Grid rows show their whole statement and go to it.
  const row = page.locator('.coverage-statement a').nth(3);
  const digest = await digestOf(page);
  assert.equal(await row.textContent(), `4. ${digest.statements[3].text}`);
  await row.click();
  assert.equal(await shadow(page, (e) => e.shadowRoot.activeElement?.id), `st-${digest.statements[3].id}`);
  // The timeline says what happened on each date: the statement that gives it.
  const day = page.locator('.timeline-list li', { has: page.locator('time[datetime="2024-10-31"]') });
  const what = (await day.locator('.timeline-what a').textContent()).replace(/…$/, '');
  const said = digest.statements.find((st) => st.text.startsWith(what));
  assert.ok(said, `"${what}" is a statement`);
  const date = digest.entities.find((e) => e.type === 'DATE' && e.value === '2024-10-31');
  const members = said.sentences.map((k) => digest.sentences[k]);
  assert.ok(date.mentions.some((m) => members.some((x) => x.source === m.source && x.start <= m.start && m.end <= x.end)), `"${said.text}" gives the date`);
  // In print, a highlight adds no space before punctuation ("Congress ,").
  await page.emulateMedia({ media: 'print' });
  const padding = await page.locator('.statements mark.ent').first().evaluate((m) => getComputedStyle(m).paddingRight);
  assert.equal(padding, '0px');
  assert.equal(await page.locator('.statements .statement-number').first().textContent(), '1.');
  assert.ok(await page.locator('.statements .statement-number').first().isVisible(), 'the numbers print');
  await page.emulateMedia({ media: 'screen' });
  // One source: "1 source", an amount with its currency sign inside the highlight.
  await page.locator('news-weave').evaluate((e) => {
    e.sources = [{ label: 'Wire', text: 'The company paid $5 billion to settle the case with Congress, officials said on Friday in Washington.' }];
  });
  await page.locator('.statements mark.ent-MONEY').waitFor();
  assert.equal(await page.locator('.statements mark.ent-MONEY').textContent(), '$5 billion');
  await page.locator('.status', { hasText: /^1 source · / }).waitFor();
  assert.equal(await page.locator('.statements .source-count').first().textContent(), '1 source');
  const text = await shadow(page, (e) => e.shadowRoot.querySelector('.nw').textContent);
  assert.doesNotMatch(text, /\b1 (sources|statements|entities|mentions|quotes|dates)\b|entitys/);
  assert.match(await page.locator('.status').textContent(), /\d+ (entity|entities) · /);
  assert.match(await page.locator('.entity-index summary').textContent(), /\((\d+ entities|1 entity)\)/);
  assert.deepEqual(problems, []);
  await close();
});

test('three real page layouts pasted as HTML: no logo headline, dated bylines, credits as captions', async () => {
  const { page, problems, close } = await session.open();
  const dir = new URL('../html/', import.meta.url);
  const cases = [
    ['layout-updated-byline', { title: 'Senate passes stopgap bill hours before shutdown deadline', outlet: 'Example News', published: '2018-04-06' }],
    ['layout-caption-credit', { title: 'Senate Passes Spending Bill, Averting a Shutdown for Now', outlet: 'The Morning Ledger', published: '2018-04-06' }],
    ['layout-logo-tagline', { title: 'Trump signs spending bill after threatening a veto', outlet: 'The Capital Post', published: '2018-04-06' }],
  ];
  await redrawn(page, () => page.click('.clear-all'));
  for (const [name] of cases) {
    await page.click('.add-source');
    await pasteIntoLastSource(page, { 'text/html': readFileSync(new URL(`${name}.html`, dir), 'utf8'), 'text/plain': 'unused' });
  }
  await page.waitForFunction(() => document.querySelector('news-weave').digest?.sources.length === 3);
  await redrawn(page, () => page.selectOption('select', 'all'));
  const digest = await digestOf(page);
  cases.forEach(([name, want], i) => {
    const s = digest.sources[i];
    assert.deepEqual({ title: s.title, outlet: s.outlet, published: s.published }, want, name);
  });
  const account = await page.locator('.account').textContent();
  for (const furniture of ['Example News Politics', 'The Morning Ledger', 'Truth Matters Every Day', 'Updated', 'Published',
    'Ana Ruiz/Reuters', 'Jon Reyes', 'A version of this article', 'Washington (Example News)']) {
    assert.ok(!account.includes(furniture), `"${furniture}" became a statement`);
  }
  const roleOf = (text) => digest.sentences.find((s) => s.text.includes(text))?.role;
  assert.equal(roleOf('Updated 6:42 PM ET'), 'byline');
  assert.equal(roleOf('CreditAna Ruiz/Reuters'), 'caption');
  assert.equal(roleOf('(Jon Reyes/The Capital Post)'), 'caption');
  assert.equal(roleOf('The Morning Ledger'), 'boilerplate');
  // The names found are the sources' labels, as values the reader can edit.
  assert.deepEqual(await page.locator('.panes .field-text input').evaluateAll((inputs) => inputs.map((i) => i.value)),
    ['Example News', 'The Morning Ledger', 'The Capital Post']);
  const blocked = problems.filter((p) => !/^console: .*Content Security Policy/.test(p));
  assert.deepEqual(blocked, []);
  await close();
});

test('a long account is drawn in slices: the first at once, the rest after the frame', async () => {
  const { page, problems, close } = await session.open();
  const total = (await digestOf(page)).statements.length;
  assert.ok(total > 40, `${total} statements`);
  // Asking for every statement draws the first slice in the same task...
  const [now, busy] = await shadow(page, (e) => {
    e.summaryLength = Infinity;
    const account = e.shadowRoot.querySelector('.account');
    return [account.querySelectorAll('.statement').length, account.getAttribute('aria-busy')];
  });
  assert.equal(now, 40);
  assert.equal(busy, 'true');
  // ...and the rest once it is painted.
  await page.waitForFunction((n) => document.querySelector('news-weave').shadowRoot.querySelectorAll('.account .statement').length === n, total);
  assert.equal(await page.locator('.account').getAttribute('aria-busy'), null);
  assert.deepEqual(problems, []);
  await close();
});

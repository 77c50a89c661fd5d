// The page's HTML reader (www/html-to-text.js, the browser's own parser) on the
// examples in tests/html/, pasted into a source pane as the reader pastes a page:
// each NAME.html must give NAME.txt, the text that the CLI's reader (src/html.rs)
// gives too (tests/html.rs). So a page pasted into the widget and the same page saved
// and given to `newsweave merge` are read alike.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ROOT, pasteIntoLastSource, useSession } from './harness.mjs';

const session = useSession();

test('pasted HTML is read as the CLI reads the same page', async () => {
  const { page, problems, close } = await session.open();
  const dir = `${ROOT}tests/html/`;
  const names = readdirSync(dir).filter((f) => f.endsWith('.html')).sort();
  assert.ok(names.length >= 5, 'the examples are missing');
  for (const name of names) {
    const html = readFileSync(dir + name, 'utf8');
    const expected = readFileSync(dir + name.replace(/\.html$/, '.txt'), 'utf8');
    const pane = page.locator('.panes textarea').last();
    await pane.evaluate((area) => { area.value = ''; });
    await pasteIntoLastSource(page, { 'text/html': html });
    const text = await pane.inputValue();
    assert.equal(text, expected, name);
  }
  // hostile.html's handlers are reported as blocked by the page's CSP; none may run
  // (an alert would be a dialog) and nothing else may go wrong.
  assert.deepEqual(problems.filter((p) => !/^console: .*Content Security Policy/.test(p)), []);
  await close();
});

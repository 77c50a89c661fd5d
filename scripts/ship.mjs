// Writes dist/: what a browser loads, as it is served (`make demo`, the end-to-end tests,
// the benchmarks). dist/www/ is www/ and dist/pkg/ is pkg/, side by side as the page
// imports them, with the JS and CSS minified by esbuild (one file at a time, no
// bundling, so each module keeps its name, its imports and its lazy loading). The
// sources keep their comments, which are most of their bytes: minified, the page's
// payload is about 20 KB smaller gzipped. Other files are copied as they are.
//
// Usage: node scripts/ship.mjs   (from the repository root; `make build` runs it)
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist');
// What the page may load. pkg/'s TypeScript declarations and package files are for
// consumers of the module, not for the browser.
const TREES = { www: () => true, pkg: (path) => !path.endsWith('.d.ts') && !path.endsWith('.json') && !path.endsWith('.md') };
// esbuild's target: the language the sources are written in (private fields, top-level
// await), so that nothing is rewritten, only shortened.
const TARGET = 'es2022';

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function ship(path) {
  const out = join(OUT, relative(ROOT, path));
  mkdirSync(dirname(out), { recursive: true });
  const loader = { '.js': 'js', '.mjs': 'js', '.css': 'css' }[extname(path)];
  if (!loader) {
    copyFileSync(path, out);
    return;
  }
  const { code } = transformSync(readFileSync(path, 'utf8'), { loader, minify: true, target: TARGET, sourcefile: path });
  writeFileSync(out, code);
}

rmSync(OUT, { recursive: true, force: true });
for (const [tree, wanted] of Object.entries(TREES)) {
  for (const path of filesUnder(join(ROOT, tree))) if (wanted(path)) ship(path);
}

// Writes dist/: what a browser loads, as it is served (`make demo`, the end-to-end tests,
// the benchmarks). dist/pkg/ is pkg/ and dist/www/ is www/, side by side as the page
// imports them, except that www/'s modules are bundled and minified by esbuild:
// - every module that no other module imports statically is an entry point and keeps
//   its name (news-weave.js, the worker, the embed's host script, and the modules the
//   element loads when first used), so pages, tests and lazy loading find them as before;
// - code that several entries share goes into chunk-*.js files, so a module is never
//   loaded twice (render.js holds state the lazily loaded views read);
// - the page's `<link rel="modulepreload">` list becomes news-weave.js's chunks.
// One bundle instead of fourteen modules saves the page the module graph's requests and
// linking: about 50 ms of the first render on the benchmark machine (docs/BENCHMARKS.md).
// The sources keep their comments, which are most of their bytes. CSS is minified one
// file at a time; other files are copied as they are.
//
// Usage: node scripts/ship.mjs   (from the repository root; `make build` runs it)
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync, transformSync } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist');
const WWW = join(ROOT, 'www');
// esbuild's target: the language the sources are written in (private fields, top-level
// await), so that nothing is rewritten, only shortened.
const TARGET = 'es2022';

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** www/'s modules that no other module imports statically (`import … from './x.js'`). */
function entryModules() {
  const modules = readdirSync(WWW).filter((f) => f.endsWith('.js'));
  const imported = new Set(modules.flatMap((f) => [...readFileSync(join(WWW, f), 'utf8')
    .matchAll(/^import\s[^;]*?from\s+'\.\/([\w-]+\.js)'/gm)].map((m) => m[1])));
  return modules.filter((f) => !imported.has(f)).map((f) => join(WWW, f));
}

/** Bundles www/'s modules into dist/www/; returns the chunks news-weave.js imports. */
function bundle() {
  const { metafile } = buildSync({
    absWorkingDir: ROOT, // the metafile's paths are relative to it
    entryPoints: entryModules(),
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    target: TARGET,
    outdir: join(OUT, 'www'),
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    external: ['../pkg/*'],
    metafile: true,
    logLevel: 'warning',
  });
  const page = Object.entries(metafile.outputs).find(([, o]) => o.entryPoint === 'www/news-weave.js');
  return page[1].imports.filter((i) => i.kind === 'import-statement' && !i.external).map((i) => basename(i.path));
}

/** index.html with its modulepreload list of www/ modules replaced by `chunks`. */
function withPreloads(html, chunks) {
  const links = chunks.map((c) => `  <link rel="modulepreload" href="${c}">\n`).join('');
  const kept = html.replace(/ *<link rel="modulepreload" href="(?!\.\.\/pkg\/)[^"]*">\n/g, '');
  return kept.replace(/( *<script type="module" src="news-weave\.js">)/, `${links}$1`);
}

function ship(path) {
  const out = join(OUT, relative(ROOT, path));
  mkdirSync(dirname(out), { recursive: true });
  if (extname(path) === '.css') {
    writeFileSync(out, transformSync(readFileSync(path, 'utf8'), { loader: 'css', minify: true, sourcefile: path }).code);
  } else {
    copyFileSync(path, out);
  }
}

rmSync(OUT, { recursive: true, force: true });
// pkg/'s TypeScript declarations and package files are for consumers of the module,
// not for the browser.
for (const path of filesUnder(join(ROOT, 'pkg'))) {
  if (!/\.(d\.ts|json|md)$/.test(path)) ship(path);
}
for (const path of filesUnder(WWW)) if (extname(path) !== '.js') ship(path);
const chunks = bundle();
const index = join(OUT, 'www', 'index.html');
writeFileSync(index, withPreloads(readFileSync(index, 'utf8'), chunks));

// The hand-written TypeScript types of the binding (src/wasm.rs, in the generated
// pkg/newsweave.d.ts) against what the module really returns: every object of real
// Digests must have exactly the declared keys (optional ones may be absent) with values
// of the declared types, and the ErrorCode and ViewLimits types must match what the
// core exports. So the declarations cannot drift from the Rust types unnoticed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

const pkg = new URL('../../pkg/', import.meta.url);
const wasm = await import(new URL('newsweave.js', pkg));
wasm.initSync({ module: readFileSync(new URL('newsweave_bg.wasm', pkg)) });
const declarations = readFileSync(new URL('newsweave.d.ts', pkg), 'utf8');

/** `export interface Name { ... }` blocks as {name: {key: {type, optional}}}. */
function interfaces(text) {
  const out = {};
  const clean = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
  for (const m of clean.matchAll(/export interface (\w+)\s*\{([^}]*)\}/g)) {
    const members = {};
    for (const part of m[2].split(/[;\n]/)) {
      const member = part.trim().match(/^(\w+)(\?)?\s*:\s*(.+)$/);
      if (member) members[member[1]] = { type: member[3].trim(), optional: Boolean(member[2]) };
    }
    out[m[1]] = members;
  }
  return out;
}

/** `export type Name = "a" | "b";` string-literal unions as {name: [values]}. */
function unions(text) {
  const out = {};
  for (const m of text.matchAll(/export type (\w+) = ((?:\s*\|?\s*"[^"]*")+);/g)) {
    out[m[1]] = [...m[2].matchAll(/"([^"]*)"/g)].map((v) => v[1]);
  }
  return out;
}

const types = interfaces(declarations);
const literals = unions(declarations);

/** Checks `value` against the TypeScript type `type`; returns the first problem. */
function check(value, type, path) {
  type = type.trim();
  if (type.includes('|') && !type.startsWith('"')) {
    const problems = type.split('|').map((t) => check(value, t, path));
    return problems.includes(null) ? null : problems[0];
  }
  if (type.endsWith('[]')) {
    if (!Array.isArray(value)) return `${path}: not an array`;
    for (let i = 0; i < value.length; i += 1) {
      const problem = check(value[i], type.slice(0, -2), `${path}[${i}]`);
      if (problem) return problem;
    }
    return null;
  }
  if (type === 'string' || type === 'number' || type === 'boolean') {
    return typeof value === type ? null : `${path}: ${JSON.stringify(value)} is not a ${type}`;
  }
  if (type === 'null') return value === null ? null : `${path}: not null`;
  if (literals[type]) {
    return literals[type].includes(value) ? null : `${path}: ${JSON.stringify(value)} is not a ${type}`;
  }
  const members = types[type];
  if (!members) return `${path}: the declarations have no type ${type}`;
  if (typeof value !== 'object' || value === null) return `${path}: not an object`;
  for (const key of Object.keys(value)) {
    if (!(key in members)) return `${path}.${key}: not declared in ${type}`;
  }
  for (const [key, { type: memberType, optional }] of Object.entries(members)) {
    if (!(key in value)) {
      if (optional) continue;
      return `${path}.${key}: declared in ${type} but missing`;
    }
    const problem = check(value[key], memberType, `${path}.${key}`);
    if (problem) return problem;
  }
  return null;
}

function textsIn(dir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ label: f, text: readFileSync(new URL(f, dir), 'utf8'), published: '2024-11-01' }));
}

// Two reports that disagree on a date: with the seeds, a statement with disagreements.
const conflicting = [
  "Japan's defence ministry said the new pact with the European Union takes effect on Jan. 1, 2025, after both parliaments approve it.",
  "Japan's defense ministry said the new pact with the European Union takes effect on March 1, 2025, after both parliaments approve it.",
].map((text, i) => ({ label: `conflicting ${i}`, text }));

const inputs = {
  seeds: [...textsIn(new URL('../../www/demo/', import.meta.url)), ...conflicting],
  'multi-story': textsIn(new URL('../golden/multi-story/', import.meta.url)),
  'html page': [{ label: 'page', text: readFileSync(new URL('../html/article.txt', import.meta.url), 'utf8') }],
};

for (const [name, sources] of Object.entries(inputs)) {
  test(`the Digest of the ${name} has exactly the declared shape`, () => {
    assert.equal(check(wasm.weave(sources), 'Digest', 'digest'), null);
  });
}

test('the declared shape is exercised: optional fields and lists are present somewhere', () => {
  const digest = wasm.weave(inputs.seeds);
  assert.ok(digest.statements.some((s) => s.disagreements?.length), 'a disagreement');
  assert.ok(digest.entities.some((e) => e.roles?.length), 'an entity with roles');
  assert.ok(digest.entities.some((e) => e.value), 'an entity with a value');
  assert.ok(digest.quotes.some((q) => q.speaker !== null), 'a quote with a speaker');
  assert.ok(digest.quotes.some((q) => q.speaker_role), 'a quote with a speaker role');
});

test('ErrorCode is exactly the codes the core raises', () => {
  assert.deepEqual([...literals.ErrorCode].sort(), [...wasm.errorCodes()].sort());
  for (const bad of [[], [{ label: 'a', text: '   ' }], 'not a list']) {
    let code = null;
    try {
      wasm.weave(bad);
    } catch (error) {
      code = error.code;
    }
    assert.ok(wasm.errorCodes().includes(code), `${JSON.stringify(bad)} raised ${code}`);
  }
});

test('ViewLimits is exactly what the core exports', () => {
  assert.equal(check(wasm.viewLimits(), 'ViewLimits', 'limits'), null);
  assert.deepEqual(Object.keys(types.ViewLimits).sort(), Object.keys(wasm.viewLimits()).sort());
});

test("the page's error messages are keyed by the core's codes, every one it can meet", () => {
  const page = readFileSync(new URL('../../www/account-view.js', import.meta.url), 'utf8');
  const block = page.match(/const ERROR_MESSAGES = \{([\s\S]*?)\n\};/);
  assert.ok(block, 'www/account-view.js has ERROR_MESSAGES');
  const keys = [...block[1].matchAll(/^\s*(\w+):/gm)].map((m) => m[1]).sort();
  // The page always sends a list of {label, text}: it cannot meet `invalid_input`.
  const reachable = wasm.errorCodes().filter((code) => code !== 'invalid_input').sort();
  assert.deepEqual(keys, reachable);
});

test('the Markdown of the last Digest is the report of its sources: nothing is woven again', () => {
  for (const sources of Object.values(inputs)) {
    wasm.weave(sources);
    for (const top of [3, undefined]) assert.equal(wasm.lastMarkdown(top), wasm.markdown(sources, top));
  }
  assert.throws(() => wasm.weave([]), (error) => error.code === 'no_sources');
  assert.throws(() => wasm.lastMarkdown(3), (error) => error.code === 'no_sources', 'a failed weave leaves nothing to export');
});

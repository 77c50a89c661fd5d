// The built-in demo: five outlets' versions of one story (the EU–Japan security and
// defence partnership), all published on 1 November 2024. The texts are in ./demo/*.txt.
// The date is what a reader would enter; it anchors "Thursday" and "January".
const PUBLISHED = '2024-11-01';
export const DEMO_SOURCES = [
  { file: '000_a5ac829314fd93d2.txt' },
  { file: '001_5cdee6b3adf297d2.txt' },
  { file: '002_95ec95232d0eab6f.txt' },
  { file: '003_c7d9bafb4a5f74ae.txt' },
  { file: '004_1bcfa3094ee00e81.txt' },
];

/** Fetches the demo texts (part of the page load) as `{label, text}` sources. */
export async function loadDemo(base = new URL('./demo/', import.meta.url)) {
  return Promise.all(DEMO_SOURCES.map(async ({ file }) => {
    const response = await fetch(new URL(file, base));
    if (!response.ok) throw new Error(`demo article ${file}: HTTP ${response.status}`);
    return { label: '', text: await response.text(), published: PUBLISHED };
  }));
}

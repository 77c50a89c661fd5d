// Exports of a Digest: Markdown with footnote citations, and the Digest as JSON.
import { sourceName } from './render.js';

/** Escapes characters that Markdown would read as markup. */
function md(text) {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1').replace(/\s+/g, ' ').trim();
}

/** The account as Markdown: the first `limit` statements, each citing its sources as footnotes. */
export function toMarkdown(digest, limit = Infinity) {
  const cite = (sources) => sources.map((s) => `[^${s + 1}]`).join('');
  const lines = ['# Merged account', ''];
  digest.statements.slice(0, limit).forEach((st, k) => {
    lines.push(`${k + 1}. ${md(st.text)}${cite(st.sources)}`);
  });
  const quotes = digest.quotes.filter((q) => q.speaker !== null && q.speaker !== undefined);
  if (quotes.length) {
    lines.push('', '## Quotes', '');
    for (const q of quotes) {
      lines.push(`- **${md(digest.entities[q.speaker].name)}**: “${md(q.text)}”${cite([q.source])}`);
    }
  }
  lines.push('', '## Sources', '');
  for (const s of digest.sources) {
    const parts = [sourceName(digest, s.index)];
    if (s.outlet && s.outlet !== parts[0]) parts.push(s.outlet);
    if (s.title && s.title !== parts[0]) parts.push(`“${s.title}”`);
    if (s.published) parts.push(s.published);
    lines.push(`[^${s.index + 1}]: ${parts.map(md).join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Starts a download of `text` as a file (a blob URL: no network request). */
export function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

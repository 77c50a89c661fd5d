// Clipboard or file HTML -> plain text that keeps paragraphs. The markup is parsed
// into an inert document (DOMParser: no scripts run, nothing is fetched) and only
// text nodes are read; scripts, styles, navigation and other furniture are dropped.
// src/html.rs does the same natively (the CLI); tests/html/ holds both to the same examples.

/** Elements whose whole content is dropped. Not <object>, <video>, <audio> or <canvas>:
 *  their content is fallback text, and one left open would take the rest of the page. */
const DROPPED = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'NAV', 'IFRAME', 'EMBED', 'SVG', 'MATH',
  'FORM', 'BUTTON', 'SELECT', 'INPUT', 'TEXTAREA', 'HEAD', 'TITLE', 'META', 'LINK',
]);

/** Elements that end a paragraph. */
const BLOCKS = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'LI', 'UL', 'OL', 'BLOCKQUOTE', 'PRE', 'FIGURE', 'FIGCAPTION', 'TABLE', 'TR', 'DL', 'DT', 'DD', 'ADDRESS', 'HR',
]);

/** The text of an HTML string, one blank line between paragraphs. */
export function htmlToText(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const paragraphs = [];
  let current = '';
  const flush = () => {
    const line = current.replace(/[ \t\f\v\u00a0]+/g, ' ').replace(/ *\n */g, '\n').trim();
    if (line) paragraphs.push(line);
    current = '';
  };
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        current += child.nodeValue.replace(/\s+/g, ' ');
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        const tag = child.tagName.toUpperCase();
        if (DROPPED.has(tag) || child.getAttribute('role') === 'navigation' || child.hidden) continue;
        if (tag === 'BR') {
          current += '\n';
          continue;
        }
        if (tag === 'TD' || tag === 'TH') current += ' '; // cells of a row stay apart
        const block = BLOCKS.has(tag);
        if (block) flush();
        walk(child);
        if (block) flush();
      }
    }
  };
  walk(doc.body || doc.documentElement);
  flush();
  return paragraphs.join('\n\n');
}

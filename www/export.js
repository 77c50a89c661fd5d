// Downloads of what the page made (the Digest as JSON, the Markdown account that the
// core writes: `markdown` in pkg/newsweave.js), without a network request.

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

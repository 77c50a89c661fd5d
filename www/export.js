// Exports of what the page made: the Markdown account that the core writes (`lastMarkdown`
// in pkg/newsweave.js), copied or downloaded, and the Digest as JSON. Downloads are blob
// URLs, so no export makes a network request.

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

/** Downloads `digest` as indented JSON. */
export function downloadDigest(digest) {
  download('newsweave-digest.json', JSON.stringify(digest, null, 2), 'application/json');
}

/**
 * Has `client` write the account of `sources` as Markdown, `top` statements per story
 * (undefined: all), and copies it; where the clipboard is not available it is downloaded
 * instead. Resolves to the note that tells the reader which happened.
 */
export async function copyMarkdown(client, top) {
  let text;
  try {
    text = await client.markdown(top);
  } catch (error) {
    return `The Markdown could not be written: ${error.message || error}`;
  }
  try {
    await navigator.clipboard.writeText(text);
    return 'The account was copied as Markdown.';
  } catch {
    download('newsweave-account.md', text, 'text/markdown');
    return 'The clipboard is not available here, so the Markdown was downloaded instead.';
  }
}

// The sources as data: the one shape the element keeps them in, the request sent for
// analysis, and keeping them in localStorage (the `persist` attribute) so that a
// reload mid-edit loses nothing.

/** `s` in the element's shape: label and text always strings, absent outlet and date empty. */
export function toSource(s) {
  return {
    label: String(s.label ?? ''),
    text: String(s.text ?? ''),
    outlet: s.outlet ? String(s.outlet) : '',
    published: s.published ? String(s.published) : '',
  };
}

/** The sources as `weave` takes them: an empty outlet or date is left out, not sent as "". */
export function weaveRequest(sources) {
  return sources.map((s) => ({
    label: s.label,
    text: s.text,
    outlet: s.outlet || undefined,
    published: s.published || undefined,
  }));
}

/** Numbers (from 1) of the sources with no text, for the status line. */
export function emptySourceNumbers(sources) {
  return sources.map((s, i) => (s.text.trim() ? 0 : i + 1)).filter(Boolean);
}

/** The sources kept under `key`, or null if there are none or they cannot be read. */
export function restoreSources(key) {
  if (!key) return null;
  try {
    const kept = JSON.parse(localStorage.getItem(key) || 'null');
    return Array.isArray(kept) ? kept : null;
  } catch {
    return null;
  }
}

/** Keeps `sources` under `key`; false if the storage refuses them (full, or blocked). */
export function keepSources(key, sources) {
  try {
    localStorage.setItem(key, JSON.stringify(sources));
    return true;
  } catch {
    return false;
  }
}

/** Removals kept for restoring after a reload: the newest few. */
const HISTORY_LENGTH = 5;

/** The removals kept under `key` (newest first): `[{time, sources: [{index, source}]}]`. */
export function removedHistory(key) {
  if (!key) return [];
  try {
    const kept = JSON.parse(localStorage.getItem(`${key}:removed`) || '[]');
    return Array.isArray(kept) ? kept.filter((entry) => entry && Array.isArray(entry.sources)) : [];
  } catch {
    return [];
  }
}

/** Keeps the removal history `list` (newest first) under `key`, the newest few only. */
export function keepHistory(key, list) {
  if (!key) return;
  try {
    if (list.length) localStorage.setItem(`${key}:removed`, JSON.stringify(list.slice(0, HISTORY_LENGTH)));
    else localStorage.removeItem(`${key}:removed`);
  } catch {
    // Full or blocked: the removal can still be undone until the page closes.
  }
}

/** The reader's corrections kept under `key` (an empty list if none or unreadable). */
export function restoreCorrections(key) {
  if (!key) return [];
  try {
    const kept = JSON.parse(localStorage.getItem(`${key}:overrides`) || '[]');
    return Array.isArray(kept) ? kept.filter((o) => o && (o.kind === 'split' || o.kind === 'join')) : [];
  } catch {
    return [];
  }
}

/** Keeps the reader's corrections `list` under `key` (none: the entry goes). */
export function keepCorrections(key, list) {
  if (!key) return;
  try {
    if (list.length) localStorage.setItem(`${key}:overrides`, JSON.stringify(list));
    else localStorage.removeItem(`${key}:overrides`);
  } catch {
    // Full or blocked: the corrections hold until the page closes.
  }
}

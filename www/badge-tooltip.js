// The badge tooltip: hovering or focusing a source's badge in the account shows that
// source's own sentence. It goes when the pointer leaves or the focus moves, on
// Escape, on a scroll (it is positioned where the badge was), on a tap or click
// anywhere (a tap on a phone has no "leave"), and when the page loses the focus. One
// tooltip serves every badge, so redrawing the account costs no listeners.
import { el, sourceName } from './render.js';

const BADGE = '.badges .badge';

/**
 * Creates the tooltip for the badges in `container` and returns it, for the caller to
 * add to `root`: the badges refer to it by id, which holds only within one shadow root.
 * `digest()` gives the Digest the badges were drawn from.
 */
export function badgeTooltip(root, container, digest) {
  const tip = el('div', 'tooltip');
  tip.setAttribute('role', 'tooltip');
  tip.id = 'tooltip';
  tip.hidden = true;
  let owner = null;
  const hide = () => {
    if (tip.hidden) return;
    tip.hidden = true;
    owner?.removeAttribute('aria-describedby');
    owner = null;
  };
  const show = (event) => {
    const target = event.target.closest?.(BADGE);
    const d = digest();
    if (!target || !d) return;
    const i = Number(target.dataset.source);
    const sentence = d.sentences[Number(target.dataset.sentence)];
    if (!sentence) return;
    tip.replaceChildren(el('strong', '', `${i + 1}. ${sourceName(d, i)}`), el('span', '', sentence.text), el('em', 'tooltip-hint', 'Click to read it in the whole source.'));
    tip.hidden = false;
    // Fixed positioning in viewport coordinates: right wherever the host puts the element.
    const box = target.getBoundingClientRect();
    const width = document.documentElement.clientWidth;
    tip.style.left = `${Math.max(8, Math.min(box.left, width - tip.offsetWidth - 8))}px`;
    tip.style.top = `${box.bottom + 6}px`;
    owner?.removeAttribute('aria-describedby');
    owner = target;
    target.setAttribute('aria-describedby', 'tooltip');
  };
  const leave = (event) => {
    if (event.target.closest?.(BADGE) === owner) hide();
  };
  container.addEventListener('pointerover', (event) => { if (event.pointerType !== 'touch') show(event); });
  container.addEventListener('focusin', show);
  container.addEventListener('pointerout', leave);
  container.addEventListener('focusout', leave);
  root.addEventListener('keydown', (event) => { if (event.key === 'Escape') hide(); });
  // Anything that moves the page, or a tap elsewhere, or the window losing the focus.
  window.addEventListener('scroll', hide, { capture: true, passive: true });
  document.addEventListener('pointerdown', (event) => {
    if (!event.composedPath().includes(owner)) hide();
  }, { capture: true });
  window.addEventListener('blur', hide);
  container.addEventListener('click', hide);
  return tip;
}

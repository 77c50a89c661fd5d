// The badge tooltip: hovering or focusing a source's badge in the account shows that
// source's own sentence; moving away, blurring or Escape hides it. One tooltip serves
// every badge, so redrawing the account costs no listeners.
import { el } from './render.js';

const BADGE = '.statements .badges .badge';

/**
 * Creates the tooltip for the badges in `list` and returns it, for the caller to add to
 * `root`: the badges refer to it by id, which holds only within one shadow root.
 */
export function badgeTooltip(root, list) {
  const tip = el('div', 'tooltip');
  tip.setAttribute('role', 'tooltip');
  tip.id = 'tooltip';
  tip.hidden = true;
  const show = (event) => {
    const target = event.target.closest?.(BADGE);
    if (!target) return;
    tip.replaceChildren(el('strong', '', target.dataset.heading), el('span', '', target.dataset.sentence));
    tip.hidden = false;
    // Fixed positioning in viewport coordinates: right wherever the host puts the element.
    const box = target.getBoundingClientRect();
    const width = document.documentElement.clientWidth;
    tip.style.left = `${Math.max(8, Math.min(box.left, width - tip.offsetWidth - 8))}px`;
    tip.style.top = `${box.bottom + 6}px`;
    target.setAttribute('aria-describedby', 'tooltip');
  };
  const hide = (event) => {
    const target = event.target.closest?.(BADGE);
    if (!target) return;
    tip.hidden = true;
    target.removeAttribute('aria-describedby');
  };
  list.addEventListener('pointerover', show);
  list.addEventListener('focusin', show);
  list.addEventListener('pointerout', hide);
  list.addEventListener('focusout', hide);
  root.addEventListener('keydown', (event) => { if (event.key === 'Escape') tip.hidden = true; });
  return tip;
}

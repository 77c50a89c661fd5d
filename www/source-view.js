// One source as a whole, in a modal dialog: its full text, each sentence coloured by
// the statement it feeds (and numbered as that statement is in the account), and what
// the cleaner set aside (page furniture, captions, credits, bylines) dimmed and named.
// A badge opens it at that source's own sentence; a sentence's number goes back to the
// statement in the account; closing returns to where the reader was.
import { storiesInOrder } from './statements.js';
import { counted, el, sourceName, statementsOf } from './render.js';

/** What each role is called where the view names it. */
const ROLE_NAMES = {
  headline: 'headline', dateline: 'dateline', byline: 'byline', caption: 'caption', credit: 'credit',
  boilerplate: 'page furniture',
};

/** Colours that tell neighbouring statements apart (the number says which one it is). */
const HUES = 6;

export class SourceView {
  /** The `<dialog>` element, to add to the shadow root. */
  dialog;
  #title;
  #meta;
  #text;
  #returnTo = null;
  #goTo;

  /** `goTo(statementId)`: show that statement in the account (after the dialog closes). */
  constructor({ goTo }) {
    this.#goTo = goTo;
    this.dialog = el('dialog', 'source-view');
    this.dialog.setAttribute('aria-labelledby', 'source-view-title');
    const head = el('div', 'sv-head');
    this.#title = el('h2', 'sv-title');
    this.#title.id = 'source-view-title';
    const back = el('button', 'sv-back', 'Back to the account');
    back.type = 'button';
    back.addEventListener('click', () => this.dialog.close());
    head.append(this.#title, back);
    this.#meta = el('p', 'sv-meta');
    const key = el('p', 'sv-key');
    key.append(
      el('span', 'sv-sentence sv-st sv-c1', 'Coloured'), ': a sentence of the account; its number goes to that statement. ',
      el('span', 'sv-sentence sv-aside', 'Dimmed'), ': set aside, with what it is.',
    );
    this.#text = el('div', 'sv-text');
    this.#text.tabIndex = 0; // scrollable with the keyboard
    this.#text.setAttribute('role', 'region');
    this.#text.setAttribute('aria-label', 'Full text');
    this.dialog.append(head, this.#meta, key, this.#text);
    this.dialog.addEventListener('close', () => {
      const back = this.#returnTo;
      this.#returnTo = null;
      if (back?.isConnected) {
        back.focus({ preventScroll: true });
        back.scrollIntoView({ block: 'center' });
      }
    });
    this.#text.addEventListener('click', (event) => {
      const tag = event.target.closest('.sv-tag');
      if (!tag) return;
      this.#returnTo = null;
      this.dialog.close();
      this.#goTo(Number(tag.dataset.statement));
    });
  }

  get isOpen() {
    return this.dialog.open;
  }

  /**
   * Opens source `source` of `digest`, whose text is `text` (for its paragraph breaks),
   * scrolled to sentence `sentence` (if given), which is highlighted; closing the
   * dialog returns the focus to `returnTo`.
   */
  open(digest, text, source, sentence, returnTo) {
    const info = digest.sources[source];
    this.#title.replaceChildren(el('span', `badge badge-${source % 8}`, String(source + 1)), ` ${sourceName(digest, source)}`);
    const facts = [];
    if (info.title && info.title !== sourceName(digest, source)) facts.push(info.title);
    if (info.outlet && info.outlet !== sourceName(digest, source)) facts.push(info.outlet);
    if (info.published) facts.push(`published ${info.published}`);
    const mine = digest.sentences.map((s, k) => [s, k]).filter(([s]) => s.source === source);
    const fed = new Set(mine.flatMap(([s]) => statementsOf(s)));
    facts.push(`${counted(mine.length, 'sentence')}, feeding ${counted(fed.size, 'statement')}`);
    this.#meta.textContent = facts.join(' · ');
    this.#text.replaceChildren(...this.#paragraphs(digest, text, mine, sentence));
    if (!this.dialog.open) {
      this.#returnTo = returnTo || null;
      this.dialog.showModal();
    }
    const target = sentence === undefined ? null : this.#text.querySelector(`[data-sentence="${sentence}"]`);
    if (target) {
      target.scrollIntoView({ block: 'center' });
      target.focus({ preventScroll: true });
    } else {
      this.#text.scrollTop = 0;
      this.#text.focus({ preventScroll: true });
    }
  }

  close() {
    if (this.dialog.open) this.dialog.close();
  }

  /** The source's sentences as paragraphs (a line break in the text starts a new one). */
  #paragraphs(digest, text, mine, target) {
    // Where each statement stands in the account: story by story, numbered from 1.
    const place = new Map();
    const stories = storiesInOrder(digest);
    for (const story of stories) story.statements.forEach((st, k) => place.set(st.id, stories.length > 1 ? `${story.number}.${k + 1}` : String(k + 1)));
    const out = [];
    let p = null;
    let previousEnd = 0;
    let previousRole = null;
    for (const [s, k] of mine) {
      const gap = typeof text === 'string' ? text.slice(previousEnd, s.start) : ' ';
      if (!p || gap.includes('\n')) {
        p = el('p', 'sv-paragraph');
        out.push(p);
        previousRole = null;
      } else {
        p.append(' ');
      }
      previousEnd = s.end;
      const span = el('span', 'sv-sentence', s.text);
      span.dataset.sentence = String(k);
      if (k === target) {
        span.classList.add('sv-target');
        span.tabIndex = -1;
      }
      const ids = statementsOf(s);
      if (s.role !== 'body' || !ids.length) {
        span.classList.add('sv-aside', `role-${s.role}`);
        if (s.role !== previousRole) p.append(el('span', 'sv-role', ROLE_NAMES[s.role] || s.role));
        p.append(span);
      } else {
        const st = digest.statements[ids[0]];
        span.classList.add('sv-st', `sv-c${ids[0] % HUES}`);
        p.append(span);
        for (const id of ids) {
          const statement = digest.statements[id];
          if (!statement) continue;
          const tag = el('button', 'sv-tag', place.get(id) || String(statement.rank));
          tag.type = 'button';
          tag.dataset.statement = String(id);
          tag.setAttribute('aria-label', `Statement ${place.get(id) || statement.rank} of the account, ${counted(statement.sources.length, 'source')}: go there`);
          p.append(tag);
        }
        if (st && st.sources.length > 1) span.classList.add('sv-shared');
      }
      previousRole = s.role;
    }
    if (!out.length) out.push(el('p', 'hint', 'This source has no text.'));
    return out;
  }
}

// The demo page: source panes on the left, the merged account on the right.
// Analysis re-runs shortly after each edit.

import init, { weave } from '../pkg/newsweave.js';
import { loadDemo } from './demo.js';
import { el, renderLegend, renderStatements } from './render.js';

const DEBOUNCE_MS = 200;
const $ = (id) => document.getElementById(id);

/** The sources as the user edits them: `{label, text, published}`. */
let sources = [];
let timer = 0;

const FRIENDLY = {
  no_sources: 'Add at least one source to see a merged account.',
  all_empty: 'Every source is empty. Paste the text of an article into a source.',
  too_many_sources: 'There are too many sources for one analysis. Remove some and try again.',
  input_too_large: 'The sources are too long for one analysis. Remove some text and try again.',
  invalid_date: 'A publication date is not valid. Use the date picker or the form YYYY-MM-DD.',
};

function showMessage(text) {
  const message = $('message');
  message.textContent = text;
  message.hidden = !text;
}

function analyse() {
  clearTimeout(timer);
  const output = document.querySelector('.output');
  try {
    const started = performance.now();
    const digest = weave(sources.map((s) => ({ label: s.label, text: s.text, published: s.published || undefined })));
    const ms = performance.now() - started;
    renderStatements($('statements'), digest);
    showDetectedLabels(digest);
    showMessage('');
    const empty = sources.map((s, i) => (s.text.trim() ? 0 : i + 1)).filter(Boolean);
    const note = empty.length ? ` · empty: source ${empty.join(', ')}` : '';
    $('status').textContent = `${digest.sources.length} sources · ${digest.statements.length} statements · ${digest.entities.length} entities · ${ms.toFixed(1)} ms${note}`;
  } catch (error) {
    $('statements').replaceChildren();
    showMessage(FRIENDLY[error.code] || `Something went wrong: ${error.message || error}`);
    $('status').textContent = '';
  }
  output.setAttribute('aria-busy', 'false');
}

/** An empty label shows what was detected (outlet, else title) as its placeholder. */
function showDetectedLabels(digest) {
  document.querySelectorAll('#sources .source').forEach((pane, i) => {
    const input = pane.querySelector('.field-text input');
    const found = digest.sources[i] && (digest.sources[i].outlet || digest.sources[i].title);
    if (input) input.placeholder = found || `Source ${i + 1}`;
  });
}

function schedule() {
  clearTimeout(timer);
  document.querySelector('.output').setAttribute('aria-busy', 'true');
  timer = setTimeout(analyse, DEBOUNCE_MS);
}

/** One editable pane per source. */
function renderPanes() {
  const panes = sources.map((source, i) => {
    const pane = el('section', 'source');
    pane.setAttribute('aria-label', `Source ${i + 1}`);
    const head = el('div', 'source-head');
    const number = el('span', `badge badge-${i % 8}`, String(i + 1));
    number.setAttribute('aria-hidden', 'true');
    const label = field('Label', 'text', source.label, (v) => { source.label = v; });
    label.querySelector('input').placeholder = `Source ${i + 1}`;
    const date = field('Published', 'date', source.published, (v) => { source.published = v; });
    const remove = el('button', 'remove', 'Remove');
    remove.type = 'button';
    remove.setAttribute('aria-label', `Remove source ${i + 1}`);
    remove.addEventListener('click', () => { sources.splice(i, 1); renderPanes(); schedule(); });
    head.append(number, label, date, remove);
    const text = el('textarea');
    text.value = source.text;
    text.rows = 8;
    text.placeholder = 'Paste an article or a whole copied web page here.';
    text.setAttribute('aria-label', `Text of source ${i + 1}`);
    text.addEventListener('input', () => { source.text = text.value; schedule(); });
    pane.append(head, text);
    return pane;
  });
  $('sources').replaceChildren(...panes);
}

function field(name, type, value, onChange) {
  const label = el('label', `field field-${type}`);
  const input = el('input');
  input.type = type;
  input.value = value || '';
  input.addEventListener('input', () => { onChange(input.value); schedule(); });
  label.append(`${name} `, input);
  return label;
}

/** Hovering or focusing a badge shows that source's own sentence. */
function setUpTooltip() {
  const tip = $('tooltip');
  const show = (event) => {
    const target = event.target.closest?.('.statements .badge');
    if (!target) return;
    tip.replaceChildren();
    tip.append(el('strong', '', target.dataset.heading), el('span', '', target.dataset.sentence));
    tip.hidden = false;
    const box = target.getBoundingClientRect();
    const left = Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.left = `${Math.max(8, left)}px`;
    tip.style.top = `${window.scrollY + box.bottom + 6}px`;
    target.setAttribute('aria-describedby', 'tooltip');
  };
  const hide = (event) => {
    const target = event.target.closest?.('.statements .badge');
    if (!target) return;
    tip.hidden = true;
    target.removeAttribute('aria-describedby');
  };
  const list = $('statements');
  list.addEventListener('pointerover', show);
  list.addEventListener('focusin', show);
  list.addEventListener('pointerout', hide);
  list.addEventListener('focusout', hide);
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape') tip.hidden = true; });
}

async function main() {
  renderLegend($('legend'));
  setUpTooltip();
  $('add-source').addEventListener('click', () => {
    sources.push({ label: '', text: '', published: '' });
    renderPanes();
    $('sources').lastElementChild?.querySelector('textarea')?.focus();
  });
  try {
    const [, demo] = await Promise.all([init(), loadDemo()]);
    sources = demo;
  } catch (error) {
    showMessage(`newsweave could not start: ${error.message || error}`);
    return;
  }
  renderPanes();
  analyse();
}

main();

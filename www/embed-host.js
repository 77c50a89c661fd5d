// The host page feeds the widget its articles (here: the demo articles) and listens
// to its events, as any embedding page would.
import { loadDemo } from './demo.js';

const widget = document.getElementById('account');
window.weaveEvents = { result: 0, statements: 0, errors: [] };
widget.addEventListener('weave-result', (event) => {
  window.weaveEvents.result += 1;
  window.weaveEvents.statements = event.detail.statements.length;
});
widget.addEventListener('weave-error', (event) => window.weaveEvents.errors.push(event.detail.code));
widget.sources = await loadDemo();

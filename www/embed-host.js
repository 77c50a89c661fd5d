// The host page feeds the widget its articles (here: the demo articles).
import { loadDemo } from './demo.js';

document.getElementById('account').sources = await loadDemo();

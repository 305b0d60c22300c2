// The console's shell: who is signed in, sign-out, and which page the path shows.
import { session, signOut, signInAgain } from './api.js';
import { h, page, errorBox } from './ui.js';
import { stopAll } from './live.js';
import * as rooms from './rooms.js';
import * as recordings from './recordings.js';
import * as compositions from './compositions.js';
import * as hooks from './hooks.js';
import * as settings from './settings.js';
import * as archives from './archives.js';

const routes = [
  [/^\/console\/?$/, () => rooms.list()],
  [/^\/console\/rooms\/?$/, () => rooms.list()],
  [/^\/console\/rooms\/(RM[0-9a-fA-F]{32})$/, (m) => rooms.one(m[1])],
  [/^\/console\/recordings\/?$/, () => recordings.list()],
  [/^\/console\/recordings\/(RT[0-9a-fA-F]{32})$/, (m) => recordings.one(m[1])],
  [/^\/console\/compositions\/?$/, () => compositions.list()],
  [/^\/console\/compositions\/new$/, () => compositions.create()],
  [/^\/console\/compositions\/(CJ[0-9a-fA-F]{32})$/, (m) => compositions.one(m[1])],
  [/^\/console\/hooks\/?$/, () => hooks.list()],
  [/^\/console\/settings\/?$/, () => settings.show()],
  [/^\/console\/archives\/?$/, () => archives.list()],
];

async function start() {
  let who;
  try {
    who = await session();
  } catch (e) {
    if (e.status !== 401) page('Console unavailable', errorBox(e));
    return;
  }
  document.getElementById('account').textContent = who.account_name === who.account_sid
    ? who.account_sid : `${who.account_name} (${who.account_sid})`;
  document.getElementById('sign-out').addEventListener('click', async () => {
    stopAll();
    try { await signOut(); } finally { location.assign('/console/sign-in'); }
  });
  const path = location.pathname;
  const section = path.split('/')[2] || 'rooms';
  for (const a of document.querySelectorAll('nav a')) {
    if (a.dataset.section === section) a.setAttribute('aria-current', 'page');
  }
  for (const [re, show] of routes) {
    const m = path.match(re);
    if (m) {
      try { await show(m); } catch (e) { page('Something went wrong', errorBox(e)); }
      return;
    }
  }
  page('Not found', h('p', {}, 'The console has no page at this address. ', h('a', { href: '/console/' }, 'Go to rooms')));
}

window.addEventListener('pagehide', stopAll);
export { signInAgain };
start();

// The browser UI's entry: the shell (header, navigation), the router that maps URLs to
// page modules, the session (token, access) and the error pages for 401/403.
import { api, ApiError, session } from './api.js';
import { h, clear } from './dom.js';
import { t } from './i18n.js';
import { installShortcuts } from './shortcuts.js';

const pages = {
  '/': () => import('./pages/overview.js'),
  '/files': () => import('./pages/files.js'),
  '/file': () => import('./pages/file.js'),
  '/commits': () => import('./pages/commits.js'),
  '/commit': () => import('./pages/commit.js'),
  '/refs': () => import('./pages/refs.js'),
  '/upload': () => import('./pages/upload.js'),
  '/storage': () => import('./pages/storage.js'),
  '/login': () => import('./pages/login.js'),
};

const navItems = [
  ['/', 'nav.overview'], ['/files', 'nav.files'], ['/commits', 'nav.commits'], ['/refs', 'nav.refs'],
  ['/upload', 'nav.upload', true], ['/storage', 'nav.storage'],
];

const state = { service: null, canWrite: false, leave: [] };
const main = document.getElementById('main');
const nav = document.getElementById('nav');
const account = document.getElementById('account');

export function navigate(url, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  route();
}

// Pages use ordinary links; same-origin ones that are not API routes stay in the app.
document.addEventListener('click', (event) => {
  const anchor = event.target.closest('a[href]');
  if (!anchor || anchor.target || anchor.hasAttribute('download') || event.defaultPrevented) return;
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const url = new URL(anchor.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
});
window.addEventListener('popstate', route);

function renderShell(path) {
  clear(nav, navItems.filter(([, , write]) => !write || state.canWrite).map(([href, key]) =>
    h('a', { href, 'aria-current': href === path ? 'page' : null, 'data-nav': href }, t(key))));
  clear(account, state.service && [
    h('span.badge', { title: t(state.canWrite ? 'access.rwHint' : 'access.roHint') },
      t(state.canWrite ? 'access.rw' : 'access.ro')),
    h('button.link', { type: 'button', onclick: signOut }, t('login.signOut')),
  ]);
  document.getElementById('repo-name').textContent = state.service ? state.service.repo.path : '';
}

function signOut() {
  session.token = '';
  state.service = null;
  navigate('/login', { replace: true });
}

async function ensureSession() {
  if (state.service) return true;
  if (!session.token) return false;
  state.service = await api.service();
  state.canWrite = state.service.auth.can_write;
  return true;
}

function errorPage(root, error) {
  const forbidden = error instanceof ApiError && error.status === 403;
  clear(root, h('section.panel.error-page', { role: 'alert' },
    h('h1', t(forbidden ? 'error.forbiddenTitle' : 'error.title')),
    h('p', forbidden ? t('error.forbidden') : error.message),
    h('p', h('a', { href: '/' }, t('error.home')))));
}

async function route() {
  for (const leave of state.leave.splice(0)) leave();
  const path = location.pathname in pages ? location.pathname : '/';
  const params = new URLSearchParams(location.search);
  const root = h('div.page');
  clear(main, root);
  try {
    if (path !== '/login' && !(await ensureSession())) {
      navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
      return;
    }
    renderShell(path);
    const page = await pages[path]();
    await page.render({
      root, params, service: state.service, canWrite: state.canWrite,
      onLeave: (fn) => state.leave.push(fn),
      signedIn: (service) => { state.service = service; state.canWrite = service.auth.can_write; },
    });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      session.token = '';
      state.service = null;
      navigate(`/login?expired=1&next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
      return;
    }
    if (!(error instanceof ApiError)) console.error(error);
    errorPage(root, error);
  }
  if (document.activeElement === document.body || !main.contains(document.activeElement)) main.focus({ preventScroll: true });
}

document.documentElement.lang = t('lang');
document.getElementById('skip').textContent = t('nav.skip');
document.getElementById('nav').setAttribute('aria-label', t('nav.label'));
installShortcuts(navigate);
route();

// Login: a token (read-only or read-write) checked with whoami and kept for the browser
// session only (sessionStorage), as the original UI does.
import { api, ApiError, session } from '../api.js';
import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { navigate } from '../app.js';

export async function render({ root, params, signedIn }) {
  document.title = `${t('login.title')} · hubvault`;
  const input = h('input', { id: 'token', type: 'password', autocomplete: 'current-password', required: true, autofocus: true });
  const message = h('p.form-error', { role: 'alert', 'aria-live': 'assertive' },
    params.get('expired') ? t('login.expired') : '');
  const submit = async (event) => {
    event.preventDefault();
    const token = input.value.trim();
    try {
      await api.whoami(token);
      session.token = token;
      signedIn(await api.service());
      const next = params.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    } catch (error) {
      message.textContent = error instanceof ApiError && error.status === 401 ? t('login.invalid') : error.message;
      input.select();
    }
  };
  clear(root, h('section.panel.login', h('h1', t('login.title')), h('p.muted', t('login.intro')),
    h('form', { onsubmit: submit },
      h('label', { for: 'token' }, t('login.token')), input, message,
      h('button.primary', { type: 'submit' }, t('login.submit')))));
  input.focus();
}

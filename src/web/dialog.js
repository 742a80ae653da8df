// Confirmation dialogs on the native <dialog> (focus trapping, Escape to cancel and the
// accessible role come with it).
import { h } from './dom.js';
import { t } from './i18n.js';

/** Resolves true when the user confirms. */
export function confirmDialog(title, message, confirmLabel, { danger = false } = {}) {
  return new Promise((resolve) => {
    const dialog = h('dialog.confirm', { 'aria-labelledby': 'dialog-title' },
      h('form', { method: 'dialog' },
        h('h2', { id: 'dialog-title' }, title),
        h('p', message),
        h('div.actions',
          h('button', { value: 'cancel', type: 'submit' }, t('common.cancel')),
          h(`button.${danger ? 'danger' : 'primary'}`, { value: 'ok', type: 'submit', id: 'dialog-confirm' }, confirmLabel))));
    dialog.addEventListener('close', () => { dialog.remove(); resolve(dialog.returnValue === 'ok'); });
    document.body.append(dialog);
    dialog.showModal();
  });
}

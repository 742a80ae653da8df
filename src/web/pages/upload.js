// Upload: drop files or folders (or pick them), see the queue with per-file progress,
// choose the target branch and folder, and commit them in one commit.
import { api } from '../api.js';
import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import * as fmt from '../format.js';
import { uploadFiles } from '../upload.js';

/** Files of a dropped folder, with their paths relative to the drop. */
async function walkEntry(entry, prefix, out) {
  if (entry.isFile) {
    out.push({ file: await new Promise((resolve, reject) => entry.file(resolve, reject)), path: prefix + entry.name });
    return;
  }
  const reader = entry.createReader();
  for (;;) {
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
    if (!batch.length) break;
    for (const child of batch) await walkEntry(child, `${prefix}${entry.name}/`, out);
  }
}

export async function render({ root, service, canWrite, params }) {
  document.title = `${t('nav.upload')} · hubvault`;
  if (!canWrite) {
    clear(root, h('section.panel.error-page', { role: 'alert' }, h('h1', t('error.forbiddenTitle')), h('p', t('upload.readOnly'))));
    return;
  }
  const refs = await api.refs();
  const queue = [];
  const branch = h('select', { id: 'upload-branch' }, refs.branches.map((ref) =>
    h('option', { value: ref.name, selected: ref.name === (params.get('branch') || service.repo.default_branch) }, ref.name)));
  const folder = h('input', { id: 'upload-folder', placeholder: t('upload.folderHint'), autocomplete: 'off' });
  const message = h('input', { id: 'upload-message', placeholder: t('upload.messageHint'), autocomplete: 'off' });
  const description = h('textarea', { id: 'upload-description', rows: 2 });
  const list = h('ul.queue', { 'aria-label': t('upload.queue') });
  const status = h('div.status', { role: 'status', 'aria-live': 'polite' });
  const submit = h('button.primary', { type: 'submit', disabled: true }, t('upload.commit'));
  const filesInput = h('input.sr-only', { type: 'file', multiple: true, id: 'upload-files', onchange: () => { addFiles([...filesInput.files].map((file) => ({ file, path: file.name }))); filesInput.value = ''; } });
  const dirInput = h('input.sr-only', { type: 'file', multiple: true, webkitdirectory: true, id: 'upload-dir', onchange: () => { addFiles([...dirInput.files].map((file) => ({ file, path: file.webkitRelativePath || file.name }))); dirInput.value = ''; } });

  function addFiles(items) {
    for (const item of items) {
      const existing = queue.findIndex((queued) => queued.path === item.path);
      const row = { ...item, bar: h('progress', { max: 1, value: 0, 'aria-label': item.path }), state: h('span.muted', t('upload.waiting')) };
      row.element = h('li', h('span.mono.path', item.path), h('span.muted', fmt.size(item.file.size)), row.bar, row.state,
        h('button.link', { type: 'button', 'aria-label': t('upload.removeNamed', { name: item.path }), onclick: () => {
          queue.splice(queue.indexOf(row), 1);
          row.element.remove();
          submit.disabled = !queue.length;
        } }, '✕'));
      if (existing >= 0) queue[existing].element.replaceWith(row.element), queue.splice(existing, 1, row);
      else { queue.push(row); list.append(row.element); }
    }
    submit.disabled = !queue.length;
  }

  const drop = h('div.dropzone', {
    tabindex: 0, role: 'button', 'aria-label': t('upload.dropLabel'),
    onkeydown: (event) => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); filesInput.click(); } },
    onclick: () => filesInput.click(),
    ondragover: (event) => { event.preventDefault(); drop.classList.add('over'); },
    ondragleave: () => drop.classList.remove('over'),
    ondrop: async (event) => {
      event.preventDefault();
      drop.classList.remove('over');
      const entries = [...event.dataTransfer.items].map((item) => item.webkitGetAsEntry?.()).filter(Boolean);
      const items = [];
      if (entries.length) for (const entry of entries) await walkEntry(entry, '', items);
      else items.push(...[...event.dataTransfer.files].map((file) => ({ file, path: file.name })));
      addFiles(items);
    },
  }, h('strong', t('upload.drop')), h('span.muted', t('upload.or')),
  h('span.buttons', h('label.button', { for: 'upload-files', onclick: (e) => e.stopPropagation() }, t('upload.pickFiles')),
    h('label.button', { for: 'upload-dir', onclick: (e) => e.stopPropagation() }, t('upload.pickFolder'))));

  const onSubmit = async (event) => {
    event.preventDefault();
    submit.disabled = true;
    const prefix = folder.value.trim().replace(/^\/+|\/+$/g, '');
    const items = queue.map((row) => ({ file: row.file, path: prefix ? `${prefix}/${row.path}` : row.path }));
    const text = message.value.trim() || (items.length === 1 ? `Upload ${items[0].path} with hubvault` : 'Upload folder using hubvault');
    clear(status, t('upload.working'));
    status.className = 'status';
    try {
      const info = await uploadFiles({
        items, branch: branch.value, message: text, description: description.value.trim(),
        progress: (index, phase, done, total) => {
          const row = queue[index];
          row.bar.value = total ? (phase === 'hash' ? 0.2 * done / total : 0.2 + 0.8 * done / total) : 1;
          row.state.textContent = t(phase === 'hash' ? 'upload.hashing' : 'upload.sending');
        },
      });
      queue.forEach((row) => { row.bar.value = 1; row.state.textContent = t('upload.done'); });
      clear(status, t('upload.committed'), ' ', h('a.mono', { href: `/commit?id=${info.oid}`, id: 'upload-commit' }, fmt.shortId(info.oid)));
      queue.length = 0;
    } catch (error) {
      status.className = 'status error';
      clear(status, error.message);
      submit.disabled = false;
    }
  };

  clear(root, h('h1', t('nav.upload')),
    h('form.panel.upload', { onsubmit: onSubmit },
      drop, filesInput, dirInput, list,
      h('div.grid2',
        h('div.field', h('label', { for: 'upload-branch' }, t('upload.branch')), branch),
        h('div.field', h('label', { for: 'upload-folder' }, t('upload.folder')), folder)),
      h('div.field', h('label', { for: 'upload-message' }, t('upload.message')), message),
      h('div.field', h('label', { for: 'upload-description' }, t('upload.description')), description),
      h('div.actions', submit), status));
}

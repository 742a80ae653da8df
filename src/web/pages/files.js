// Files: one folder of a revision as a virtualised table (name, size, last commit), with
// a breadcrumb and the revision switcher.
import { api } from '../api.js';
import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import * as fmt from '../format.js';
import { navigate } from '../app.js';
import { icon } from '../icons.js';
import { revisionPicker } from '../revision-picker.js';
import { virtualList } from '../virtual-list.js';

export const filesUrl = (revision, path) => `/files?${new URLSearchParams({ rev: revision, path })}`;
export const fileUrl = (revision, path) => `/file?${new URLSearchParams({ rev: revision, path })}`;

export function breadcrumb(revision, path, isFile) {
  const parts = path ? path.split('/') : [];
  return h('nav.breadcrumb', { 'aria-label': t('files.breadcrumb') },
    h('a', { href: filesUrl(revision, '') }, t('files.root')),
    parts.map((part, index) => {
      const prefix = parts.slice(0, index + 1).join('/');
      const last = index === parts.length - 1;
      return [h('span.sep', { 'aria-hidden': 'true' }, '/'),
        last ? h('span', { 'aria-current': 'page' }, part) : h('a', { href: isFile && last ? fileUrl(revision, prefix) : filesUrl(revision, prefix) }, part)];
    }));
}

export async function render({ root, params, service }) {
  const revision = params.get('rev') || service.repo.default_branch;
  const path = params.get('path') || '';
  document.title = `${path || t('nav.files')} · hubvault`;
  const [entries, picker] = await Promise.all([
    api.tree(path, revision),
    revisionPicker(revision, (rev) => navigate(filesUrl(rev, path))),
  ]);
  entries.sort((a, b) => (a.entry_type === b.entry_type ? a.path.localeCompare(b.path) : a.entry_type === 'folder' ? -1 : 1));
  const filter = h('input', { type: 'search', placeholder: t('files.filter'), 'aria-label': t('files.filter'), 'data-filter': true });
  const list = virtualList({
    label: t('files.table'),
    className: 'files',
    columns: [t('files.name'), t('files.size'), t('files.lastCommit'), t('files.date')],
    hrefOf: (entry) => (entry.entry_type === 'folder' ? filesUrl(revision, entry.path) : fileUrl(revision, entry.path)),
    renderRow: (entry) => [
      h('span.name', icon(entry.entry_type === 'folder' ? 'folder' : 'file'), fmt.baseName(entry.path)),
      entry.entry_type === 'file' ? fmt.size(entry.size) : '',
      h('span.muted', entry.last_commit?.title || ''),
      h('span.muted', fmt.date(entry.last_commit?.date)),
    ],
  });
  const apply = () => {
    const needle = filter.value.trim().toLowerCase();
    list.setItems(needle ? entries.filter((entry) => fmt.baseName(entry.path).toLowerCase().includes(needle)) : entries);
  };
  filter.addEventListener('input', apply);
  clear(root,
    h('div.toolbar', breadcrumb(revision, path, false), h('span.spacer'), picker, filter),
    h('p.muted', t('files.count', { count: fmt.number(entries.length) })),
    entries.length ? list.element : h('p.empty', t('files.empty')));
  apply();
}

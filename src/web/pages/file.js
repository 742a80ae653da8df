// File detail: path, size, last commit, ids, a streaming download link and the preview.
import { api, blobUrl } from '../api.js';
import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import * as fmt from '../format.js';
import { renderPreview } from '../preview.js';
import { navigate } from '../app.js';
import { breadcrumb, filesUrl } from './files.js';

export async function render({ root, params, service }) {
  const revision = params.get('rev') || service.repo.default_branch;
  const path = params.get('path') || '';
  document.title = `${fmt.baseName(path)} · hubvault`;
  const [entry] = await api.pathsInfo([path], revision);
  if (entry && entry.entry_type === 'folder') {
    // Markdown links to folders land here.
    navigate(filesUrl(revision, path), { replace: true });
    return;
  }
  if (!entry) {
    clear(root, breadcrumb(revision, path, true), h('p.empty', { role: 'alert' }, t('file.missing', { path, revision })));
    return;
  }
  const preview = h('section.panel.preview', { 'aria-label': t('file.preview') });
  clear(root,
    h('div.toolbar', breadcrumb(revision, path, true), h('span.spacer'),
      h('a.button', { href: filesUrl(revision, path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '') }, t('file.back')),
      // A plain link: the browser streams the download route straight to disk.
      h('a.button.primary', { href: blobUrl(path, revision, { download: true }), download: fmt.baseName(path), id: 'download' }, t('file.download'))),
    h('dl.facts',
      h('dt', t('files.size')), h('dd', `${fmt.size(entry.size)} (${fmt.number(entry.size)} B)`),
      h('dt', t('files.revision')), h('dd', revision),
      entry.last_commit && [h('dt', t('files.lastCommit')),
        h('dd', h('a', { href: `/commit?id=${entry.last_commit.oid}` }, entry.last_commit.title), ' · ', fmt.date(entry.last_commit.date))],
      h('dt', 'sha256'), h('dd.mono', entry.sha256),
      entry.lfs && [h('dt', t('file.storage')), h('dd', t('file.chunked'))]),
    preview);
  await renderPreview(preview, entry, revision);
}

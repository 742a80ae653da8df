// Commit detail: message, parents, and one card per changed file with its text diff
// (unified or side by side), image compare, or tensor diff for .safetensors.
import { api, blobUrl } from '../api.js';
import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import * as fmt from '../format.js';
import { diffView } from '../diff.js';
import { imageCompare } from '../image-compare.js';
import { IMAGE } from '../preview.js';
import { readTensors } from '../safetensors.js';
import { fileUrl } from './files.js';

const MODE_KEY = 'hubvault.webui.diffMode';
const PAGE = 100;

async function tensorDiff(change, oldRev, newRev) {
  const read = (file, rev) => (file ? readTensors(file.path, rev).then((r) => r.tensors) : Promise.resolve([]));
  const [before, after] = await Promise.all([read(change.old_file, oldRev), read(change.new_file, newRev)]);
  const oldByName = new Map(before.map((tensor) => [tensor.name, tensor]));
  const newByName = new Map(after.map((tensor) => [tensor.name, tensor]));
  const names = [...new Set([...oldByName.keys(), ...newByName.keys()])].sort();
  const describe = (tensor) => (tensor ? `${tensor.dtype} [${tensor.shape.join(', ')}]` : '—');
  return h('div.table-wrap', h('table.data.tensor-diff', { 'aria-label': t('commit.tensorDiff') },
    h('thead', h('tr', h('th', t('preview.tensor')), h('th', t('compare.before')), h('th', t('compare.after')), h('th', t('commit.status')))),
    h('tbody', names.map((name) => {
      const a = oldByName.get(name);
      const b = newByName.get(name);
      const status = !a ? 'added' : !b ? 'deleted' : describe(a) !== describe(b) || a.bytes !== b.bytes ? 'modified' : 'same';
      return h(`tr.${status}`, h('td.mono', name), h('td.mono', describe(a)), h('td.mono', describe(b)), h('td', t(`change.${status}`)));
    }))));
}

function changeCard(change, detail, mode) {
  const oldRev = detail.compare_parent_commit_id;
  const newRev = detail.commit.commit_id;
  const body = h('div.change-body');
  const ext = fmt.extension(change.path);
  const sizes = [change.old_file && fmt.size(change.old_file.size), change.new_file && fmt.size(change.new_file.size)].filter(Boolean).join(' → ');
  if (IMAGE.test(ext) && change.old_file && change.new_file) {
    body.append(imageCompare(blobUrl(change.old_file.path, oldRev), blobUrl(change.new_file.path, newRev), change.path));
  } else if (IMAGE.test(ext)) {
    const file = change.new_file || change.old_file;
    body.append(h('div.media', h('img', { src: blobUrl(file.path, change.new_file ? newRev : oldRev), alt: change.path })));
  } else if (ext === 'safetensors') {
    const slot = h('p.muted', t('common.loading'));
    body.append(slot);
    tensorDiff(change, oldRev, newRev).then((table) => slot.replaceWith(table),
      (error) => { slot.textContent = error.message; });
  } else if (change.unified_diff && !change.is_binary) {
    body.append(diffView(change.unified_diff, mode));
  } else {
    body.append(h('p.muted', change.is_binary ? t('commit.binary') : t('commit.noDiff')));
  }
  const viewRev = change.new_file ? newRev : oldRev;
  return h('article.change', { 'aria-label': change.path },
    h('header',
      h(`span.change-type.${change.change_type}`, t(`change.${change.change_type}`)),
      h('a.mono', { href: fileUrl(viewRev, (change.new_file || change.old_file || change).path) }, change.path),
      h('span.spacer'), h('span.muted', sizes)),
    body);
}

export async function render({ root, params }) {
  const id = params.get('id') || '';
  const detail = await api.commit(id);
  const { commit } = detail;
  document.title = `${commit.title} · hubvault`;
  let mode = localStorage.getItem(MODE_KEY) || 'unified';
  const changes = h('div.changes');
  let shown = 0;
  const more = h('button', { type: 'button', onclick: () => showMore() });
  function showMore() {
    const next = detail.changes.slice(shown, shown + PAGE);
    changes.append(...next.map((change) => changeCard(change, detail, mode)));
    shown += next.length;
    more.hidden = shown >= detail.changes.length;
    more.textContent = t('commit.more', { count: detail.changes.length - shown });
  }
  const modeButtons = ['unified', 'split'].map((m) => h('button', {
    type: 'button', 'aria-pressed': String(m === mode),
    onclick: () => {
      mode = m;
      localStorage.setItem(MODE_KEY, m);
      modeButtons.forEach((button) => button.setAttribute('aria-pressed', String(button.dataset.mode === m)));
      clear(changes);
      shown = 0;
      showMore();
    },
    'data-mode': m,
  }, t(`commit.${m}`)));
  clear(root,
    h('section.panel.commit-head',
      h('h1', commit.title || t('commits.noTitle')),
      commit.message && h('pre.message', commit.message),
      h('dl.facts',
        h('dt', t('commits.id')), h('dd.mono', commit.commit_id),
        h('dt', t('files.date')), h('dd', fmt.date(commit.created_at)),
        h('dt', t('commit.parents')), h('dd', detail.parent_commit_ids.length
          ? detail.parent_commit_ids.map((parent) => h('a.mono.parent', { href: `/commit?id=${parent}` }, fmt.shortId(parent)))
          : t('commit.root'))),
      h('p', h('a.button', { href: `/files?rev=${commit.commit_id}` }, t('commit.browse')))),
    h('div.toolbar', h('h2', t('commit.changes', { count: detail.changes.length })), h('span.spacer'),
      h('div.segmented', { role: 'group', 'aria-label': t('commit.diffMode') }, modeButtons)),
    changes, more);
  showMore();
}

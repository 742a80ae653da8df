// Refs: branches and tags with their commits; with a read-write token also create and
// delete, merge with a preview (commits and files it brings), and reset with confirmation.
import { api } from '../api.js';
import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import * as fmt from '../format.js';
import { confirmDialog } from '../dialog.js';
import { navigate } from '../app.js';

const field = (id, label, input) => h('div.field', h('label', { for: id }, label), input);

function refTable(kind, refs, canWrite, actions) {
  return h('div.table-wrap', h('table.data', { 'aria-label': t(`refs.${kind}`), id: `${kind}-table` },
    h('thead', h('tr', h('th', t('refs.name')), h('th', t('refs.target')), canWrite && h('th', h('span.sr-only', t('refs.actions'))))),
    h('tbody', refs.map((ref) => h('tr', { 'data-ref': ref.name },
      h('td', h('a', { href: `/commits?rev=${encodeURIComponent(ref.name)}` }, ref.name)),
      h('td', ref.target_commit ? h('a.mono', { href: `/commit?id=${ref.target_commit}` }, fmt.shortId(ref.target_commit)) : '—'),
      canWrite && h('td.actions', actions(ref)))))));
}

async function mergePreview(source, target) {
  const [sourceCommits, targetCommits, sourceFiles, targetFiles] = await Promise.all([
    api.commits(source), api.commits(target), api.tree('', source, true), api.tree('', target, true)]);
  const inTarget = new Set(targetCommits.map((commit) => commit.commit_id));
  const incoming = sourceCommits.filter((commit) => !inTarget.has(commit.commit_id));
  const oids = new Map(targetFiles.filter((e) => e.entry_type === 'file').map((e) => [e.path, e.oid]));
  const differing = sourceFiles.filter((e) => e.entry_type === 'file' && oids.get(e.path) !== e.oid).map((e) => e.path);
  return { incoming, differing };
}

export async function render({ root, service, canWrite }) {
  document.title = `${t('nav.refs')} · hubvault`;
  const refs = await api.refs();
  const status = h('p.status', { role: 'status', 'aria-live': 'polite' });
  const run = async (action, done) => {
    try {
      await action();
      sessionStorage.setItem('hubvault.webui.flash', done);
      navigate('/refs', { replace: true });
    } catch (error) {
      status.textContent = error.message;
      status.className = 'status error';
    }
  };
  const flash = sessionStorage.getItem('hubvault.webui.flash');
  if (flash) { status.textContent = flash; sessionStorage.removeItem('hubvault.webui.flash'); }
  const names = [...refs.branches, ...refs.tags].map((ref) => ref.name);
  const branchActions = (ref) => [
    h('button', { type: 'button', 'aria-label': t('refs.resetNamed', { name: ref.name }), onclick: () => resetBranch(ref) }, t('refs.reset')),
    ref.name !== service.repo.default_branch && h('button.danger', {
      type: 'button', 'aria-label': t('refs.deleteNamed', { name: ref.name }),
      onclick: async () => {
        if (await confirmDialog(t('refs.deleteBranchTitle'), t('refs.deleteBranchBody', { name: ref.name }), t('refs.delete'), { danger: true }))
          run(() => api.deleteBranch(ref.name), t('refs.deleted', { name: ref.name }));
      },
    }, t('refs.delete')),
  ];
  const tagActions = (ref) => h('button.danger', {
    type: 'button', 'aria-label': t('refs.deleteNamed', { name: ref.name }),
    onclick: async () => {
      if (await confirmDialog(t('refs.deleteTagTitle'), t('refs.deleteTagBody', { name: ref.name }), t('refs.delete'), { danger: true }))
        run(() => api.deleteTag(ref.name), t('refs.deleted', { name: ref.name }));
    },
  }, t('refs.delete'));

  async function resetBranch(ref) {
    const to = window.prompt(t('refs.resetPrompt', { name: ref.name }), ref.target_commit || '');
    if (!to) return;
    if (await confirmDialog(t('refs.resetTitle'), t('refs.resetBody', { name: ref.name, to }), t('refs.reset'), { danger: true }))
      run(() => api.resetRef(ref.name, to), t('refs.resetDone', { name: ref.name }));
  }

  const options = (selected) => names.map((name) => h('option', { value: name, selected: name === selected }, name));
  const branchOptions = (selected) => refs.branches.map((ref) => h('option', { value: ref.name, selected: ref.name === selected }, ref.name));
  const sections = [
    h('h1', t('nav.refs')), status,
    h('section.panel', h('h2', t('refs.branches')), refTable('branches', refs.branches, canWrite, branchActions)),
    h('section.panel', h('h2', t('refs.tags')), refs.tags.length ? refTable('tags', refs.tags, canWrite, tagActions) : h('p.muted', t('refs.noTags'))),
  ];
  if (canWrite) {
    const branchName = h('input', { id: 'new-branch', required: true, autocomplete: 'off' });
    const branchFrom = h('select', { id: 'new-branch-from' }, options(service.repo.default_branch));
    const tagName = h('input', { id: 'new-tag', required: true, autocomplete: 'off' });
    const tagFrom = h('select', { id: 'new-tag-from' }, options(service.repo.default_branch));
    const tagMessage = h('input', { id: 'new-tag-message', autocomplete: 'off' });
    const mergeSource = h('select', { id: 'merge-source' }, options(refs.branches.find((b) => b.name !== service.repo.default_branch)?.name));
    const mergeTarget = h('select', { id: 'merge-target' }, branchOptions(service.repo.default_branch));
    const mergeOutput = h('div.merge-preview', { 'aria-live': 'polite' });
    const previewMerge = async (event) => {
      event.preventDefault();
      clear(mergeOutput, h('p.muted', t('common.loading')));
      const { incoming, differing } = await mergePreview(mergeSource.value, mergeTarget.value);
      clear(mergeOutput,
        h('p', t('refs.mergeSummary', { commits: incoming.length, files: differing.length })),
        incoming.length > 0 && h('ul.compact', incoming.slice(0, 20).map((c) => h('li', h('span.mono', fmt.shortId(c.commit_id)), ' ', c.title))),
        differing.length > 0 && h('ul.compact', differing.slice(0, 50).map((path) => h('li.mono', path))),
        h('button.primary', {
          type: 'button', id: 'merge-run', disabled: incoming.length === 0,
          onclick: () => run(async () => {
            const result = await api.merge(mergeSource.value, mergeTarget.value);
            if (result.status === 'conflict')
              throw new Error(t('refs.mergeConflict', { paths: result.conflicts.map((c) => c.path).join(', ') }));
          }, t('refs.merged', { source: mergeSource.value, target: mergeTarget.value })),
        }, t('refs.merge')));
    };
    sections.push(h('div.grid2',
      h('section.panel', h('h2', t('refs.createBranch')), h('form', {
        id: 'create-branch',
        onsubmit: (event) => { event.preventDefault(); run(() => api.createBranch(branchName.value.trim(), branchFrom.value), t('refs.created', { name: branchName.value.trim() })); },
      }, field('new-branch', t('refs.name'), branchName), field('new-branch-from', t('refs.from'), branchFrom),
      h('button.primary', { type: 'submit' }, t('refs.createBranch')))),
      h('section.panel', h('h2', t('refs.createTag')), h('form', {
        id: 'create-tag',
        onsubmit: (event) => { event.preventDefault(); run(() => api.createTag(tagName.value.trim(), tagFrom.value, tagMessage.value), t('refs.created', { name: tagName.value.trim() })); },
      }, field('new-tag', t('refs.name'), tagName), field('new-tag-from', t('refs.from'), tagFrom),
      field('new-tag-message', t('refs.tagMessage'), tagMessage), h('button.primary', { type: 'submit' }, t('refs.createTag')))),
      h('section.panel', h('h2', t('refs.mergeTitle')), h('form', { id: 'merge', onsubmit: previewMerge },
        field('merge-source', t('refs.mergeSource'), mergeSource), field('merge-target', t('refs.mergeTarget'), mergeTarget),
        h('button', { type: 'submit' }, t('refs.preview'))), mergeOutput)));
  }
  clear(root, sections);
}

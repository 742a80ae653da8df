// Storage: the storage overview (sections, reclaimable space, recommendations), verify,
// and with a read-write token gc (dry-run preview first) and history squash.
import { api } from '../api.js';
import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import * as fmt from '../format.js';
import { confirmDialog } from '../dialog.js';

const card = (label, value) => h('div.card', h('div.card-label', label), h('div.card-value', value));

function report(title, rows, notes) {
  return h('div.report', h('h3', title),
    h('dl.facts', rows.map(([label, value]) => [h('dt', label), h('dd', value)])),
    notes?.length > 0 && h('ul.compact', notes.map((note) => h('li', note))));
}

function gcReport(result) {
  return report(t(result.dry_run ? 'storage.gcPreview' : 'storage.gcDone'), [
    [t('storage.reclaimed'), fmt.size(result.reclaimed_size)],
    [t('storage.objects'), fmt.size(result.reclaimed_object_size)],
    [t('storage.chunks'), fmt.size(result.reclaimed_chunk_size)],
    [t('storage.cache'), fmt.size(result.reclaimed_cache_size)],
    [t('storage.temporary'), fmt.size(result.reclaimed_temporary_size)],
    [t('storage.removedFiles'), fmt.number(result.removed_file_count)],
  ], result.notes);
}

export async function render({ root, canWrite, service }) {
  document.title = `${t('nav.storage')} · hubvault`;
  const overview = await api.storageOverview();
  const output = h('div.reports', { 'aria-live': 'polite', id: 'storage-output' });
  const busy = (button, work) => async () => {
    button.disabled = true;
    clear(output, h('p.muted', t('common.working')));
    try {
      clear(output, await work());
    } catch (error) {
      clear(output, h('p.status.error', { role: 'alert' }, error.message));
    } finally {
      button.disabled = false;
    }
  };
  const verify = (full) => async () => {
    const result = await api.verify(full);
    return report(t(result.ok ? 'storage.verifyOk' : 'storage.verifyFailed'),
      [[t('storage.checkedRefs'), result.checked_refs.length]], [...result.errors, ...result.warnings]);
  };
  const button = (label, id, work, cls = '') => {
    const node = h(`button${cls}`, { type: 'button', id });
    node.textContent = label;
    node.addEventListener('click', busy(node, work));
    return node;
  };
  const largest = Math.max(1, ...overview.sections.map((section) => section.total_size));
  const squashRef = h('select', { id: 'squash-ref', 'aria-label': t('storage.squashRef') },
    h('option', { value: service.repo.default_branch }, service.repo.default_branch));
  clear(root,
    h('h1', t('nav.storage')),
    h('section.cards', { 'aria-label': t('storage.summary') },
      card(t('storage.total'), fmt.size(overview.total_size)),
      card(t('storage.reachable'), fmt.size(overview.reachable_size)),
      card(t('storage.historical'), fmt.size(overview.historical_retained_size)),
      card(t('storage.reclaimableGc'), fmt.size(overview.reclaimable_gc_size)),
      card(t('storage.reclaimableCache'), fmt.size(overview.reclaimable_cache_size + overview.reclaimable_temporary_size))),
    h('section.panel', h('h2', t('storage.sections')), h('div.table-wrap', h('table.data', { 'aria-label': t('storage.sections') },
      h('thead', h('tr', h('th', t('refs.name')), h('th', t('files.size')), h('th', t('storage.files')), h('th', t('storage.reclaimable')), h('th', t('storage.strategy')))),
      h('tbody', overview.sections.map((section) => h('tr',
        h('td', h('div', section.name), h('div.bar', { 'aria-hidden': 'true' }, h('span', { style: { width: `${(100 * section.total_size) / largest}%` } })),
          section.notes && h('div.muted.small', Array.isArray(section.notes) ? section.notes.join(' ') : section.notes)),
        h('td', fmt.size(section.total_size)), h('td', fmt.number(section.file_count)),
        h('td', fmt.size(section.reclaimable_size)), h('td', section.reclaim_strategy))))))),
    overview.recommendations.length > 0 && h('section.panel', h('h2', t('storage.recommendations')),
      h('ul', overview.recommendations.map((text) => h('li', text)))),
    h('section.panel', h('h2', t('storage.maintenance')),
      h('div.actions.wrap',
        button(t('storage.quickVerify'), 'quick-verify', verify(false)),
        button(t('storage.fullVerify'), 'full-verify', verify(true)),
        canWrite && button(t('storage.gcDryRun'), 'gc-dry-run', async () => gcReport(await api.gc(true))),
        canWrite && button(t('storage.gcRun'), 'gc-run', async () => {
          if (!(await confirmDialog(t('storage.gcTitle'), t('storage.gcBody'), t('storage.gcRun'), { danger: true }))) return h('p.muted', t('common.cancelled'));
          return gcReport(await api.gc(false));
        }, '.danger'),
        canWrite && squashRef,
        canWrite && button(t('storage.squash'), 'squash', async () => {
          if (!(await confirmDialog(t('storage.squashTitle'), t('storage.squashBody', { name: squashRef.value }), t('storage.squash'), { danger: true })))
            return h('p.muted', t('common.cancelled'));
          const result = await api.squash({ ref_name: squashRef.value, run_gc: true, prune_cache: false });
          return report(t('storage.squashDone'), [
            [t('storage.rewritten'), fmt.number(result.rewritten_commit_count)],
            [t('storage.dropped'), fmt.number(result.dropped_ancestor_count)],
            [t('storage.reclaimed'), fmt.size(result.gc_report?.reclaimed_size ?? 0)]], result.blocking_refs);
        }, '.danger')),
      output));
  const refs = canWrite ? await api.refs() : null;
  if (refs) clear(squashRef, refs.branches.map((ref) => h('option', { value: ref.name, selected: ref.name === service.repo.default_branch }, ref.name)));
}

// Commits: the history of a revision as a virtualised list with its merge graph, filtered
// by text (title, message, id) or by path. The history route gives no parents, so the
// graph and the path filter read commit details lazily, only as far as they are needed.
// The history route answers the whole list at once (seconds for 100,000 commits), so the
// first screen is read meanwhile from the head's first-parent chain, which is exactly how
// the list begins (depth-first, first parent first: FORMAT.md §11.4).
import { api } from '../api.js';
import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import * as fmt from '../format.js';
import { navigate } from '../app.js';
import { LaneLayout } from '../lanes.js';
import { revisionPicker } from '../revision-picker.js';
import { virtualList } from '../virtual-list.js';

const ROW = 44;
const LANE = 14;
const PARALLEL = 6;
const SVG = 'http://www.w3.org/2000/svg';

function svg(name, attrs) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  return node;
}

function graphCell(row) {
  const width = Math.max(1, row ? row.width : 1) * LANE + 4;
  const root = svg('svg', { width, height: ROW, class: 'graph', 'aria-hidden': 'true' });
  if (!row) return root;
  const x = (lane) => lane * LANE + LANE / 2 + 2;
  const mid = ROW / 2;
  for (const { from, to, half } of row.segments) {
    const [y1, y2] = half === 'top' ? [0, mid] : [mid, ROW];
    const [x1, x2] = [x(from), x(to)];
    const colour = `lane-${(half === 'top' ? from : to) % 6}`;
    root.append(svg('path', { d: `M${x1} ${y1} C${x1} ${(y1 + y2) / 2} ${x2} ${(y1 + y2) / 2} ${x2} ${y2}`, class: colour }));
  }
  root.append(svg('circle', { cx: x(row.lane), cy: mid, r: 4.5, class: `dot lane-${row.lane % 6}` }));
  return root;
}

export async function render({ root, params, service, onLeave }) {
  const started = performance.now();
  const revision = params.get('rev') || service.repo.default_branch;
  document.title = `${t('nav.commits')} · hubvault`;
  let alive = true;
  onLeave(() => { alive = false; });
  const fullHistory = api.commits(revision);
  let commits = []; // the first screen until the whole history arrives
  let complete = false;
  const details = new Map(); // commit id -> {parents, paths}
  const layout = new LaneLayout();
  let filtered = null;
  const textFilter = h('input', { type: 'search', placeholder: t('commits.filterText'), 'aria-label': t('commits.filterText'), 'data-filter': true, value: params.get('q') || '' });
  const pathFilter = h('input', { type: 'search', placeholder: t('commits.filterPath'), 'aria-label': t('commits.filterPath'), value: params.get('path') || '' });
  const status = h('p.muted', { 'aria-live': 'polite' }, t('common.loading'));
  const list = virtualList({
    label: t('commits.table'),
    className: 'commits',
    rowHeight: ROW,
    columns: ['', t('commits.message'), t('commits.id'), t('files.date')],
    hrefOf: (commit) => `/commit?id=${commit.commit_id}`,
    renderRow: (commit, index) => [
      filtered ? graphCell(null) : graphCell(layout.rows[index]),
      h('span.title', commit.title || t('commits.noTitle')),
      h('span.mono', fmt.shortId(commit.commit_id)),
      h('span.muted', fmt.date(commit.created_at)),
    ],
  });

  const remember = (detail) => details.set(detail.commit.commit_id,
    { parents: detail.parent_commit_ids, paths: detail.changes.map((change) => change.path) });

  async function detailOf(commit) {
    if (!details.has(commit.commit_id)) remember(await api.commit(commit.commit_id));
    return details.get(commit.commit_id);
  }

  /** Shows the first-parent chain from the head until the whole history is there. */
  async function firstScreen(rows) {
    let next = (await api.repo(revision)).head;
    while (next && !complete && alive && commits.length < rows) {
      const detail = await api.commit(next);
      if (complete || !alive) return;
      remember(detail);
      layout.add(detail.commit.commit_id, detail.parent_commit_ids);
      commits.push(detail.commit);
      list.setItems(commits);
      next = detail.parent_commit_ids[0];
    }
  }

  /** Reads details of commits [from, to) a few at a time, in order. */
  async function readDetails(from, to, each, keepGoing = () => alive) {
    for (let start = from; start < to && keepGoing(); start += PARALLEL) {
      const batch = commits.slice(start, Math.min(to, start + PARALLEL));
      const read = await Promise.all(batch.map(detailOf));
      read.forEach((detail, offset) => each(batch[offset], detail));
    }
  }

  let growing = null;
  async function growGraph() {
    if (growing || filtered || !complete) return;
    const [, last] = list.visibleRange();
    const want = Math.min(commits.length, last + 30);
    if (layout.rows.length >= want) return;
    growing = readDetails(layout.rows.length, want, (commit, detail) => layout.add(commit.commit_id, detail.parents));
    await growing;
    growing = null;
    if (!alive) return;
    list.refresh();
    growGraph();
  }

  let scan = 0;
  async function applyFilters() {
    if (!complete) return;
    const needle = textFilter.value.trim().toLowerCase();
    const path = pathFilter.value.trim().replace(/^\/+|\/+$/g, '');
    const url = new URL(location.href);
    for (const [key, value] of [['q', needle], ['path', path]]) if (value) url.searchParams.set(key, value); else url.searchParams.delete(key);
    history.replaceState(null, '', url);
    const byText = (commit) => !needle || `${commit.title}\n${commit.message}\n${commit.commit_id}`.toLowerCase().includes(needle);
    scan += 1;
    const mine = scan;
    if (!path) {
      filtered = needle ? commits.filter(byText) : null;
      list.setItems(filtered || commits);
      status.textContent = t('commits.count', { count: fmt.number((filtered || commits).length) });
      growGraph();
      return;
    }
    filtered = [];
    list.setItems(filtered);
    const touches = (paths) => paths.some((changed) => changed === path || changed.startsWith(`${path}/`));
    await readDetails(0, commits.length, (commit, detail) => {
      if (byText(commit) && touches(detail.paths)) filtered.push(commit);
    }, () => alive && mine === scan);
    if (mine !== scan || !alive) return;
    list.setItems(filtered);
    status.textContent = t('commits.count', { count: fmt.number(filtered.length) });
  }

  let timer = 0;
  const debounced = () => { clearTimeout(timer); timer = setTimeout(applyFilters, 200); };
  textFilter.addEventListener('input', debounced);
  pathFilter.addEventListener('change', applyFilters);
  list.onScroll(() => growGraph());
  const picker = await revisionPicker(revision, (rev) => navigate(`/commits?rev=${encodeURIComponent(rev)}`));
  clear(root,
    h('div.toolbar', h('h1', t('nav.commits')), h('span.spacer'), picker, textFilter, pathFilter),
    status,
    list.element);
  const firstRows = new Promise((resolve) => {
    const screen = Math.ceil(window.innerHeight / ROW);
    const whole = fullHistory.then((all) => {
      commits = all;
      complete = true;
      return applyFilters();
    });
    firstScreen(screen).then(resolve, () => {});
    whole.then(resolve, resolve);
  });
  await firstRows;
  requestAnimationFrame(() => {
    performance.measure('hubvault:commits-first-rows', { start: started, end: performance.now() });
  });
  await fullHistory;
}

// Overview: summary cards of the repository at its default branch and the rendered README.
import { api, readRange } from '../api.js';
import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import * as fmt from '../format.js';
import { renderMarkdown } from '../markdown.js';

const README_NAMES = ['README.md', 'readme.md', 'Readme.md', 'README.markdown', 'README.txt', 'README'];
const README_LIMIT = 1 << 20;

/** A summary card whose value arrives later; the page does not wait for the slowest one. */
function card(label, value, hint) {
  const slot = h('div.card-value', '…');
  value.then((text) => { slot.textContent = text; }, (error) => { slot.textContent = '—'; slot.title = error.message; });
  return h('div.card', { title: hint || null }, h('div.card-label', label), slot);
}

export async function render({ root, service }) {
  document.title = `${t('nav.overview')} · hubvault`;
  const branch = service.repo.default_branch;
  const files = api.tree('', branch, true).then((tree) => tree.filter((entry) => entry.entry_type === 'file'));
  const logical = files.then((list) => list.reduce((sum, file) => sum + file.size, 0));
  const overview = api.storageOverview();
  const readmeBody = h('div.markdown');
  const readmeTitle = h('h2', 'README');
  clear(root,
    h('h1', t('overview.title')),
    h('p.muted', t('overview.branch', { branch }), ' · ', fmt.shortId(service.repo.head)),
    h('section.cards', { 'aria-label': t('overview.summary') },
      card(t('overview.refs'), api.refs().then((refs) => t('overview.refsValue', { branches: refs.branches.length, tags: refs.tags.length }))),
      card(t('overview.commits'), api.commits(branch).then((commits) => fmt.number(commits.length))),
      card(t('overview.files'), Promise.all([files, logical]).then(([list, bytes]) => `${fmt.number(list.length)} · ${fmt.size(bytes)}`)),
      card(t('overview.size'), overview.then((o) => fmt.size(o.total_size))),
      card(t('overview.dedup'), Promise.all([logical, overview]).then(([bytes, o]) => `${(o.reachable_size ? bytes / o.reachable_size : 0).toFixed(2)}×`),
        t('overview.dedupHint'))),
    h('section.panel', { 'aria-label': 'README' }, readmeTitle, readmeBody));
  const readme = (await api.pathsInfo(README_NAMES, branch)).find((entry) => entry.entry_type === 'file');
  if (!readme) {
    readmeBody.replaceWith(h('p.muted', t('overview.noReadme')));
    return;
  }
  readmeTitle.textContent = readme.path;
  const text = new TextDecoder().decode(await readRange(readme.path, branch, 0, README_LIMIT));
  if (/\.(md|markdown)$/i.test(readme.path)) renderMarkdown(readmeBody, text, { revision: branch, path: readme.path });
  else readmeBody.append(h('pre', text));
}

// The revision switcher of the Files and Commits pages: branches and tags by name, and
// the commit being looked at when it is no ref (reached from a commit's "Browse files").
import { api } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { shortId } from './format.js';

export async function revisionPicker(current, onChange) {
  const refs = await api.refs();
  const names = [...refs.branches, ...refs.tags].map((ref) => ref.name);
  const select = h('select', { id: 'revision', onchange: () => onChange(select.value) },
    !names.includes(current) && h('option', { value: current }, `${t('files.commit')} ${shortId(current)}`),
    h('optgroup', { label: t('refs.branches') }, refs.branches.map((ref) => h('option', { value: ref.name }, ref.name))),
    refs.tags.length > 0 && h('optgroup', { label: t('refs.tags') }, refs.tags.map((ref) => h('option', { value: ref.name }, ref.name))));
  select.value = current;
  return h('span.field-inline', h('label', { for: 'revision' }, t('files.revision')), select);
}

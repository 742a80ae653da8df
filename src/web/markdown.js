// A small Markdown renderer (CommonMark's common subset plus GFM tables) that builds DOM
// nodes: repository READMEs are untrusted, so no HTML they contain is ever interpreted,
// links keep to http(s), mailto and the repository, and only the repository's own images
// load (external ones stay links: a README must not make the browser call other hosts).
import { blobUrl } from './api.js';
import { h } from './dom.js';
import { highlight } from './highlight.js';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** A path of the repository relative to the Markdown file's folder, or null outside it. */
function repoPath(dir, url) {
  const parts = dir ? dir.split('/') : [];
  for (const part of url.split(/[?#]/)[0].split('/')) {
    if (part === '..') { if (!parts.length) return null; parts.pop(); } else if (part && part !== '.') parts.push(part);
  }
  return parts.join('/');
}

function target(url, image, where) {
  if (SCHEME.test(url)) return /^(https?|mailto):/i.test(url) ? { href: url } : null;
  if (url.startsWith('#') || url.startsWith('/') || !where) return url.startsWith('#') ? { href: url } : null;
  const path = repoPath(where.dir, decodeURIComponent(url));
  if (path === null) return null;
  return image ? { src: blobUrl(path, where.revision) }
    : { href: `/file?${new URLSearchParams({ rev: where.revision, path })}`, internal: true };
}

let where = null; // the Markdown file's {revision, dir} while (synchronously) rendering

function inline(text) {
  const out = [];
  const pattern = /(`+)([\s\S]*?)\1|\*\*([^*]+)\*\*|__([^_]+)__|\*([^*]+)\*|_([^_]+)_|!?\[([^\]]*)\]\(([^)\s]+)\)/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) out.push(text.slice(last, match.index));
    const [whole, , code, strong1, strong2, em1, em2, label, url] = match;
    if (code !== undefined) out.push(h('code', code));
    else if (strong1 || strong2) out.push(h('strong', inline(strong1 || strong2)));
    else if (em1 || em2) out.push(h('em', inline(em1 || em2)));
    else {
      const image = whole.startsWith('!');
      const resolved = target(url, image, where);
      if (!resolved) out.push(label);
      else if (resolved.src) out.push(h('img', { src: resolved.src, alt: label, loading: 'lazy' }));
      else if (resolved.internal) out.push(h('a', { href: resolved.href }, inline(label)));
      else out.push(h('a', { href: resolved.href, target: '_blank', rel: 'noopener noreferrer' }, image ? label || url : inline(label)));
    }
    last = match.index + whole.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

const cells = (line) => line.replace(/^\s*\|/, '').replace(/\|\s*$/, '').split('|').map((cell) => cell.trim());

/**
 * Renders `text` into `container`; `file` ({revision, path}) resolves relative links and
 * images against the repository.
 */
export function renderMarkdown(container, text, file) {
  where = file ? { revision: file.revision, dir: file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : '' } : null;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    let match;
    if (!line.trim()) { i += 1; continue; }
    if ((match = line.match(/^\s*(```|~~~)\s*([\w+-]*)/))) {
      const fence = match[1];
      const body = [];
      for (i += 1; i < lines.length && !lines[i].trim().startsWith(fence); i += 1) body.push(lines[i]);
      i += 1;
      container.append(h('pre.code', h('code', highlight(body.join('\n'), match[2]))));
    } else if ((match = line.match(/^(#{1,6})\s+(.*?)\s*#*\s*$/))) {
      container.append(h(`h${match[1].length}`, inline(match[2])));
      i += 1;
    } else if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      container.append(h('hr'));
      i += 1;
    } else if (line.includes('|') && i + 1 < lines.length && /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(lines[i + 1])) {
      const head = cells(line);
      const rows = [];
      for (i += 2; i < lines.length && lines[i].includes('|'); i += 1) rows.push(cells(lines[i]));
      container.append(h('div.table-wrap', h('table',
        h('thead', h('tr', head.map((cell) => h('th', inline(cell))))),
        h('tbody', rows.map((row) => h('tr', row.map((cell) => h('td', inline(cell)))))))));
    } else if (/^\s*>/.test(line)) {
      const quote = [];
      for (; i < lines.length && /^\s*>/.test(lines[i]); i += 1) quote.push(lines[i].replace(/^\s*>\s?/, ''));
      const node = h('blockquote');
      renderMarkdown(node, quote.join('\n'), file);
      container.append(node);
    } else if ((match = line.match(/^\s*([-*+]|\d+[.)])\s+/))) {
      const ordered = /\d/.test(match[1]);
      const list = h(ordered ? 'ol' : 'ul');
      for (; i < lines.length && (match = lines[i].match(/^\s*([-*+]|\d+[.)])\s+(.*)$/)); i += 1)
        list.append(h('li', inline(match[2])));
      container.append(list);
    } else if (/^( {4}|\t)/.test(line)) {
      const body = [];
      for (; i < lines.length && (/^( {4}|\t)/.test(lines[i]) || !lines[i].trim()); i += 1) body.push(lines[i].replace(/^( {4}|\t)/, ''));
      container.append(h('pre.code', h('code', body.join('\n').trimEnd())));
    } else {
      const paragraph = [];
      for (; i < lines.length && lines[i].trim() && !/^(#{1,6}\s|\s*```|\s*>|\s*([-*+]|\d+[.)])\s)/.test(lines[i]); i += 1)
        paragraph.push(lines[i].trim());
      if (!paragraph.length) { paragraph.push(line.trim()); i += 1; }
      container.append(h('p', inline(paragraph.join(' '))));
    }
  }
  return container;
}

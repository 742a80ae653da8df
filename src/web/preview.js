// The file preview: picks a viewer from the file's extension and first bytes (Markdown,
// JSON, CSV, code, images, audio, video, safetensors, hex) and reads at most PREVIEW_LIMIT
// bytes through the range route; media elements stream from the blob route.
import { blobUrl, readRange } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import * as fmt from './format.js';
import { highlight } from './highlight.js';
import { renderMarkdown } from './markdown.js';
import { readTensors } from './safetensors.js';

const PREVIEW_LIMIT = 1 << 20;
const HEX_LIMIT = 4096;
const CSV_ROWS = 1000;

export const IMAGE = /^(png|jpe?g|gif|webp|svg|bmp|avif|ico)$/;
const AUDIO = /^(mp3|wav|ogg|oga|flac|m4a|aac|opus)$/;
const VIDEO = /^(mp4|webm|mov|m4v|ogv|mkv)$/;

function kindOf(path) {
  const ext = fmt.extension(path);
  if (IMAGE.test(ext)) return 'image';
  if (AUDIO.test(ext)) return 'audio';
  if (VIDEO.test(ext)) return 'video';
  if (ext === 'safetensors') return 'safetensors';
  if (ext === 'md' || ext === 'markdown') return 'markdown';
  if (ext === 'json') return 'json';
  if (ext === 'csv' || ext === 'tsv') return 'csv';
  return 'text';
}

/** Decoded text, or null when the bytes are binary (a NUL, or not UTF-8). */
function decodeText(bytes, truncated) {
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: !truncated }).decode(bytes);
  } catch {
    return null;
  }
}

function hexDump(bytes) {
  const lines = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const row = bytes.subarray(offset, offset + 16);
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = Array.from(row, (b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  return h('pre.hex', { 'aria-label': t('preview.hex') }, lines.join('\n'));
}

function parseCsv(text, separator) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length && rows.length < CSV_ROWS; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

function tensorTable(tensors) {
  return h('div.table-wrap', h('table.data', { 'aria-label': t('preview.tensors') },
    h('thead', h('tr', h('th', t('preview.tensor')), h('th', 'dtype'), h('th', t('preview.shape')), h('th', t('files.size')))),
    h('tbody', tensors.map((tensor) => h('tr', h('td.mono', tensor.name), h('td', tensor.dtype),
      h('td.mono', `[${tensor.shape.join(', ')}]`), h('td', fmt.size(tensor.bytes)))))));
}

/** Renders the preview of `entry` (a file Entry) at `revision` into `container`. */
export async function renderPreview(container, entry, revision) {
  const kind = kindOf(entry.path);
  const src = blobUrl(entry.path, revision);
  if (kind === 'image') return container.append(h('div.media', h('img', { src, alt: entry.path })));
  if (kind === 'audio') return container.append(h('div.media', h('audio', { src, controls: true, preload: 'metadata', 'aria-label': entry.path })));
  if (kind === 'video') return container.append(h('div.media', h('video', { src, controls: true, preload: 'metadata', 'aria-label': entry.path })));
  if (kind === 'safetensors') {
    const { tensors, metadata } = await readTensors(entry.path, revision);
    container.append(h('p.muted', t('preview.tensorCount', { count: tensors.length })), tensorTable(tensors));
    if (metadata) container.append(h('pre.code', JSON.stringify(metadata, null, 2)));
    return undefined;
  }
  const bytes = await readRange(entry.path, revision, 0, PREVIEW_LIMIT);
  const truncated = entry.size > bytes.length;
  const text = decodeText(bytes, truncated);
  if (truncated) container.append(h('p.notice', t('preview.truncated', { shown: fmt.size(bytes.length), size: fmt.size(entry.size) })));
  if (text === null) return container.append(hexDump(bytes.subarray(0, HEX_LIMIT)));
  if (kind === 'markdown') return container.append(renderMarkdown(h('div.markdown'), text, { revision, path: entry.path }));
  if (kind === 'json' && !truncated) {
    try {
      return container.append(h('pre.code', h('code', highlight(JSON.stringify(JSON.parse(text), null, 2), 'json'))));
    } catch { /* invalid JSON is shown as text */ }
  }
  if (kind === 'csv') {
    const [head, ...rows] = parseCsv(text, fmt.extension(entry.path) === 'tsv' ? '\t' : ',');
    return container.append(h('div.table-wrap', h('table.data', { 'aria-label': entry.path },
      h('thead', h('tr', (head || []).map((cell) => h('th', cell)))),
      h('tbody', rows.map((row) => h('tr', row.map((cell) => h('td', cell))))))));
  }
  return container.append(codeView(text, fmt.extension(entry.path) || fmt.baseName(entry.path).toLowerCase()));
}

/** Code with line numbers and syntax colours. */
function codeView(text, language) {
  const lineCount = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  const numbers = Array.from({ length: Math.max(lineCount, 1) }, (_, i) => i + 1).join('\n');
  return h('div.code-view', h('pre.gutter', { 'aria-hidden': 'true' }, numbers), h('pre.code', h('code', highlight(text, language))));
}

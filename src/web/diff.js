// Text diffs from the server's unified diff (CommitDetail.changes[].unified_diff), shown
// unified or side by side; side-by-side pairs each run of removals with the additions
// that follow it.
import { h } from './dom.js';

/** Hunks of {header, lines: [{kind: ' '|'-'|'+', text, old, new}]}. */
function parseUnified(text) {
  const hunks = [];
  let hunk = null;
  let oldLine = 0;
  let newLine = 0;
  for (const line of text.split('\n')) {
    const header = line.match(/^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/);
    if (header) {
      hunk = { header: line, lines: [] };
      hunks.push(hunk);
      oldLine = Number(header[1]);
      newLine = Number(header[2]);
    } else if (hunk && line && ' -+'.includes(line[0])) {
      const kind = line[0];
      hunk.lines.push({ kind, text: line.slice(1), old: kind === '+' ? null : oldLine, new: kind === '-' ? null : newLine });
      if (kind !== '+') oldLine += 1;
      if (kind !== '-') newLine += 1;
    }
  }
  return hunks;
}

const cls = { ' ': 'ctx', '-': 'del', '+': 'add' };

function unified(hunks) {
  return h('table.diff.unified', h('tbody', hunks.map((hunk) => [
    h('tr.hunk', h('td', { colSpan: 3 }, hunk.header)),
    hunk.lines.map((line) => h(`tr.${cls[line.kind]}`,
      h('td.ln', line.old ?? ''), h('td.ln', line.new ?? ''), h('td.text', `${line.kind}${line.text}`))),
  ])));
}

function sideBySide(hunks) {
  const rows = [];
  for (const hunk of hunks) {
    rows.push(h('tr.hunk', h('td', { colSpan: 4 }, hunk.header)));
    const lines = hunk.lines;
    for (let i = 0; i < lines.length;) {
      if (lines[i].kind === ' ') {
        const line = lines[i++];
        rows.push(h('tr.ctx', h('td.ln', line.old), h('td.text', line.text), h('td.ln', line.new), h('td.text', line.text)));
        continue;
      }
      const removed = [];
      const added = [];
      while (i < lines.length && lines[i].kind === '-') removed.push(lines[i++]);
      while (i < lines.length && lines[i].kind === '+') added.push(lines[i++]);
      for (let k = 0; k < Math.max(removed.length, added.length); k += 1) {
        const left = removed[k];
        const right = added[k];
        rows.push(h('tr',
          h(`td.ln${left ? '.del' : '.empty'}`, left?.old ?? ''), h(`td.text${left ? '.del' : '.empty'}`, left?.text ?? ''),
          h(`td.ln${right ? '.add' : '.empty'}`, right?.new ?? ''), h(`td.text${right ? '.add' : '.empty'}`, right?.text ?? '')));
      }
    }
  }
  return h('table.diff.split', h('tbody', rows));
}

export function diffView(text, mode) {
  const hunks = parseUnified(text);
  return h('div.diff-wrap', mode === 'split' ? sideBySide(hunks) : unified(hunks));
}

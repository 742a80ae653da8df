// A virtualised table: only the rows in (and just around) the viewport exist in the DOM,
// so a folder of 10,000 files or a history of 100,000 commits scrolls like a short one.
// Rows are links; Up/Down/Home/End/PageUp/PageDown move focus between them.
import { h } from './dom.js';

const OVERSCAN = 8;

/**
 * `columns`: header labels; `renderRow(item, index)` returns the row's cells (array of
 * nodes); `hrefOf(item)` the row link. Returns {element, setItems, refresh, scrollToIndex}.
 */
export function virtualList({ label, columns, rowHeight = 40, renderRow, hrefOf, className = '' }) {
  let items = [];
  let rendered = new Map();
  const spacer = h('div.vlist-spacer', { role: 'rowgroup' });
  const body = h('div.vlist-body', { onscroll: () => schedule() }, spacer);
  const header = h('div.vlist-row.vlist-header', { role: 'row' }, columns.map((column) => h('span', { role: 'columnheader' }, column)));
  const element = h(`div.vlist${className ? `.${className}` : ''}`, { role: 'table', 'aria-label': label }, header, body);
  let frame = 0;

  function schedule() {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; paint(); });
  }

  function rowElement(index) {
    const item = items[index];
    const row = h('a.vlist-row', {
      href: hrefOf(item), role: 'row', tabindex: index === 0 ? 0 : -1, 'aria-rowindex': index + 2,
      style: { top: `${index * rowHeight}px`, height: `${rowHeight}px` }, 'data-index': index,
    }, renderRow(item, index).map((cell) => h('span', { role: 'cell' }, cell)));
    return row;
  }

  function paint() {
    const height = body.clientHeight || 600;
    const first = Math.max(0, Math.floor(body.scrollTop / rowHeight) - OVERSCAN);
    const last = Math.min(items.length, Math.ceil((body.scrollTop + height) / rowHeight) + OVERSCAN);
    const next = new Map();
    for (let index = first; index < last; index += 1) {
      const row = rendered.get(index) || rowElement(index);
      next.set(index, row);
      if (row.parentNode !== spacer) spacer.append(row);
    }
    for (const [index, row] of rendered) if (!next.has(index)) row.remove();
    rendered = next;
  }

  function focusIndex(index) {
    const target = Math.max(0, Math.min(items.length - 1, index));
    const top = target * rowHeight;
    if (top < body.scrollTop) body.scrollTop = top;
    else if (top + rowHeight > body.scrollTop + body.clientHeight) body.scrollTop = top + rowHeight - body.clientHeight;
    paint();
    rendered.get(target)?.focus({ preventScroll: true });
  }

  body.addEventListener('keydown', (event) => {
    const row = event.target.closest('.vlist-row');
    if (!row) return;
    const index = Number(row.dataset.index);
    const page = Math.max(1, Math.floor(body.clientHeight / rowHeight) - 1);
    const moves = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const delta = moves[event.key];
    focusIndex(delta === Infinity ? items.length - 1 : delta === -Infinity ? 0 : index + delta);
  });

  return {
    element,
    setItems(next) {
      items = next;
      element.setAttribute('aria-rowcount', String(items.length + 1));
      spacer.style.height = `${items.length * rowHeight}px`;
      body.style.height = `${Math.min(items.length * rowHeight + 2, Math.max(240, window.innerHeight * 0.7))}px`;
      rendered.forEach((row) => row.remove());
      rendered = new Map();
      paint();
    },
    /** Repaints rows whose content changed (e.g. graph lanes that arrived). */
    refresh() {
      const focused = document.activeElement?.closest?.('.vlist-row');
      const focusedIndex = focused && spacer.contains(focused) ? Number(focused.dataset.index) : -1;
      rendered.forEach((row) => row.remove());
      rendered = new Map();
      paint();
      if (focusedIndex >= 0) rendered.get(focusedIndex)?.focus({ preventScroll: true });
    },
    /** The index range currently shown. */
    visibleRange() {
      const first = Math.floor(body.scrollTop / rowHeight);
      return [first, Math.min(items.length, first + Math.ceil((body.clientHeight || 600) / rowHeight) + 1)];
    },
    onScroll(fn) { body.addEventListener('scroll', fn, { passive: true }); },
  };
}

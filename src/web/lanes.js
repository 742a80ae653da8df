// The commit graph's lanes, computed incrementally top to bottom (like the desktop app's
// LaneLayout): each row gets its dot's lane and the line segments to draw; nothing here
// touches the DOM.

/**
 * Feed commits in history order with add(id, parents); rows[i] = {lane, segments}, where
 * a segment {from, to, half} runs from lane `from` to lane `to` in the top or bottom half.
 */
export class LaneLayout {
  constructor() {
    this.lanes = []; // per lane: the commit id it waits for, or null
    this.rows = [];
  }

  add(id, parents) {
    const before = this.lanes;
    let lane = before.indexOf(id);
    if (lane < 0) {
      lane = before.indexOf(null);
      if (lane < 0) lane = before.length;
    }
    const segments = [];
    before.forEach((waiting, index) => {
      if (waiting === id) segments.push({ from: index, to: lane, half: 'top' });
      else if (waiting !== null) segments.push({ from: index, to: index, half: 'top' });
    });
    const after = before.map((waiting) => (waiting === id ? null : waiting));
    if (lane >= after.length) after.length = lane + 1;
    after[lane] = parents[0] ?? null;
    for (const parent of parents.slice(1)) {
      let target = after.indexOf(parent);
      if (target < 0) {
        target = after.indexOf(null);
        if (target < 0 || target === lane) target = after.length;
        after[target] = parent;
      }
      segments.push({ from: lane, to: target, half: 'bottom' });
    }
    if (parents.length) segments.push({ from: lane, to: lane, half: 'bottom' });
    after.forEach((waiting, index) => {
      // Lanes that only pass this row keep going straight down.
      if (index !== lane && waiting && before[index] === waiting) segments.push({ from: index, to: index, half: 'bottom' });
    });
    while (after.length && (after[after.length - 1] === null || after[after.length - 1] === undefined)) after.pop();
    this.lanes = after.map((waiting) => waiting ?? null);
    const row = { lane, segments, width: Math.max(before.length, after.length, lane + 1) };
    this.rows.push(row);
    return row;
  }
}

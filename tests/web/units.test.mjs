// The browser UI's pure modules under Node, without a browser: the incremental SHA-256
// that uploads rely on, and the commit graph's lane layout.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { LaneLayout } from '../../src/web/lanes.js';
import { Sha256 } from '../../src/web/sha256.js';

test('Sha256 matches node:crypto across block boundaries and split updates', () => {
  for (const size of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 100003]) {
    const bytes = Uint8Array.from({ length: size }, (_, i) => (i * 31 + 7) & 255);
    for (const cut of [0, 1, Math.floor(size / 2), size]) {
      const hash = new Sha256().update(bytes.subarray(0, cut)).update(bytes.subarray(cut));
      assert.equal(hash.hex(), createHash('sha256').update(bytes).digest('hex'), `size ${size}, cut ${cut}`);
    }
  }
});

test('LaneLayout: a merge opens a lane that closes where both sides meet', () => {
  const layout = new LaneLayout();
  // M merges A (first parent) and B; both come from C, the root.
  const rows = [['M', ['A', 'B']], ['B', ['C']], ['A', ['C']], ['C', []]].map(([id, parents]) => layout.add(id, parents));
  assert.deepEqual(rows.map((row) => row.lane), [0, 1, 0, 0]);
  assert.deepEqual(rows[0].segments, [{ from: 0, to: 1, half: 'bottom' }, { from: 0, to: 0, half: 'bottom' }]);
  assert.ok(rows[3].segments.some((segment) => segment.from === 1 && segment.to === 0 && segment.half === 'top'), 'B\'s lane joins C');
  assert.deepEqual(layout.lanes, []);
});

test('LaneLayout: a linear history stays in one lane', () => {
  const layout = new LaneLayout();
  const ids = Array.from({ length: 100 }, (_, i) => `c${i}`);
  ids.forEach((id, i) => layout.add(id, i + 1 < ids.length ? [ids[i + 1]] : []));
  assert.ok(layout.rows.every((row) => row.lane === 0 && row.width === 1));
});

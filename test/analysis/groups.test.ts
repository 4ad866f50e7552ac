import { describe, expect, it } from 'vitest';
import { groupBy } from '../../analysis/verbs/groups.js';

describe('groupBy', () => {
  it('groups in order of first appearance, keeps item order within a group, leaves out undefined keys', () => {
    const rows = [
      { run: 'b', y: 1 },
      { run: 'a', y: 2 },
      { run: undefined, y: 9 },
      { run: 'b', y: 3 },
    ];
    const groups = groupBy(rows, (r) => r.run);
    expect([...groups.keys()]).toEqual(['b', 'a']);
    expect(groups.get('b')!.map((r) => r.y)).toEqual([1, 3]);
    expect(groups.get('a')!.map((r) => r.y)).toEqual([2]);
    expect([...groups.values()].flat()).toHaveLength(3);
  });
});

import assert from 'node:assert/strict';
import { remember } from '../../../../server/src/ledger/postgres/remember';

describe('figures remembered for an unreachable PostgreSQL', () => {
  it('keeps at most `max` entries, dropping the one set longest ago', () => {
    const map = new Map<string, number>();
    for (let i = 0; i < 5; i++) remember(map, `ws-${i}`, i, 3);
    assert.deepEqual([...map.keys()], ['ws-2', 'ws-3', 'ws-4']);
  });

  it('counts a key set again as the newest, so a workspace in use is not dropped', () => {
    const map = new Map<string, number>();
    for (const key of ['a', 'b', 'c', 'a', 'd']) remember(map, key, 1, 3);
    assert.deepEqual([...map.keys()], ['c', 'a', 'd']);
  });
});

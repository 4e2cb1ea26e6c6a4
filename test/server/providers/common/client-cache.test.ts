import assert from 'node:assert/strict';
import { SdkClientCache } from '../../../../server/src/providers/common/client-cache';

describe('SdkClientCache', () => {
  it('creates one client per key and reuses it', () => {
    const created: (string | undefined)[] = [];
    const cache = new SdkClientCache((key) => {
      created.push(key);
      return { key };
    });

    const first = cache.get('key-a');
    assert.equal(cache.get('key-a'), first);
    assert.notEqual(cache.get('key-b'), first);
    cache.get(undefined);
    cache.get(undefined);

    assert.deepEqual(created, ['key-a', 'key-b', undefined]);
  });

  it('drops the least recently used client past its limit', () => {
    let made = 0;
    const cache = new SdkClientCache(() => ({ id: made++ }), 2);
    const a = cache.get('a');
    cache.get('b');
    cache.get('a'); // a is now more recent than b
    cache.get('c'); // evicts b

    assert.equal(cache.size, 2);
    assert.equal(cache.get('a'), a);
    const madeBefore = made;
    cache.get('b');
    assert.equal(made, madeBefore + 1);
  });
});

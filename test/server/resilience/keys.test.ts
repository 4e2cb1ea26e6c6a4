import assert from 'node:assert/strict';
import { KeyPool, parseKeys } from '../../../server/src/resilience/keys';

describe('parseKeys', () => {
  it('splits a comma-separated env value, trimming blanks and duplicates', () => {
    assert.deepEqual(parseKeys(' sk-a, sk-b,,sk-a ,'), ['sk-a', 'sk-b']);
  });

  it('accepts a stored list and treats a missing value as no keys', () => {
    assert.deepEqual(parseKeys(['sk-a', 'sk-b, sk-c']), ['sk-a', 'sk-b', 'sk-c']);
    assert.deepEqual(parseKeys(undefined), []);
    assert.deepEqual(parseKeys('  '), []);
  });
});

describe('KeyPool', () => {
  let time = 0;
  const pool = () => {
    time = 1000;
    const keys = new KeyPool(() => time);
    keys.setKeys('p', ['sk-1', 'sk-2', 'sk-3']);
    return keys;
  };
  const pickedKey = (keys: KeyPool) => {
    const pick = keys.pick('p');
    return pick.status === 'ok' ? pick.key : pick.status;
  };

  it('hands out keys round-robin', () => {
    const keys = pool();
    assert.deepEqual([1, 2, 3, 4].map(() => pickedKey(keys)), ['sk-1', 'sk-2', 'sk-3', 'sk-1']);
  });

  it('reports "none" for a provider without keys', () => {
    assert.deepEqual(pool().pick('other'), { status: 'none' });
  });

  it('skips a cooling key until its cooldown has passed, then uses it again', () => {
    const keys = pool();
    keys.coolDown('p', 'sk-2', 5000);
    assert.deepEqual([1, 2, 3].map(() => pickedKey(keys)), ['sk-1', 'sk-3', 'sk-1']);
    time += 5000;
    assert.deepEqual([1, 2].map(() => pickedKey(keys)), ['sk-2', 'sk-3']);
  });

  it('tells when the first key comes back once every key is cooling', () => {
    const keys = pool();
    keys.coolDown('p', 'sk-1', 9000);
    keys.coolDown('p', 'sk-2', 4000);
    keys.coolDown('p', 'sk-3', Infinity);
    assert.deepEqual(keys.pick('p'), { status: 'cooling', until: 5000, keyCount: 3 });
  });

  it('keeps a rejected key out however much time passes, until the key list changes', () => {
    const keys = pool();
    keys.coolDown('p', 'sk-1', Infinity);
    time += 365 * 24 * 3600_000;
    assert.ok([1, 2, 3, 4].every(() => pickedKey(keys) !== 'sk-1'));
    keys.setKeys('p', ['sk-1', 'sk-2', 'sk-3']);
    assert.ok([1, 2, 3, 4].every(() => pickedKey(keys) !== 'sk-1'), 'the same list is not a change');
    keys.setKeys('p', ['sk-1', 'sk-4']);
    assert.deepEqual([1, 2].map(() => pickedKey(keys)), ['sk-1', 'sk-4']);
  });

  it('keeps out a key another replica saw rejected, unless its own key list changed since', () => {
    const keys = pool();
    keys.rejectedElsewhere('p', 'sk-1', 900);
    assert.ok([1, 2, 3, 4].every(() => pickedKey(keys) !== 'sk-1'), 'the first list forgives nothing');
    time = 2000;
    keys.setKeys('p', ['sk-1', 'sk-4']);
    keys.rejectedElsewhere('p', 'sk-1', 1500);
    assert.deepEqual([1, 2].map(() => pickedKey(keys)), ['sk-1', 'sk-4'], 'rejected before the list changed: forgiven');
    keys.rejectedElsewhere('p', 'sk-1', 2500);
    assert.ok([1, 2, 3].every(() => pickedKey(keys) !== 'sk-1'), 'rejected again after the change');
  });

  it('keeps a timed cooldown across a key list change for the keys that remain', () => {
    const keys = pool();
    keys.coolDown('p', 'sk-2', 5000);
    keys.setKeys('p', ['sk-2']);
    assert.equal(keys.pick('p').status, 'cooling');
  });

  it('drops the keys of providers missing from setAll', () => {
    const keys = pool();
    keys.setAll(new Map([['q', ['sk-q']]]));
    assert.deepEqual(keys.pick('p'), { status: 'none' });
    assert.equal(keys.keyCount('q'), 1);
  });

  it('names keys by position, never by value', () => {
    const keys = pool();
    assert.equal(keys.label('p', 'sk-2'), 'key #2 of 3');
    assert.equal(keys.label('p', 'sk-unknown'), 'an unknown key');
    const pick = keys.pick('p');
    assert.ok(pick.status === 'ok' && pick.label === 'key #1 of 3');
  });
});

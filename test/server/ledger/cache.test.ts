import assert from 'node:assert/strict';
import { cacheKey } from '../../../server/src/ledger/cache';
import { Ledger } from '../../../server/src/ledger/ledger';
import { freshLedgerEachTest } from './helpers';

const answer = { text: 'const x = 1;', model: 'openai/gpt-4o-mini', inputTokens: 12, outputTokens: 5 };
const HOUR = 3600_000;

describe('response cache', () => {
  const fresh = freshLedgerEachTest();

  it('returns a stored answer before it expires', () => {
    fresh.ledger.cachePut('k', answer, HOUR, 1_000);
    assert.deepEqual(fresh.ledger.cacheGet('k', 1_000 + HOUR - 1), answer);
  });

  it('misses a key that was never stored', () => {
    assert.equal(fresh.ledger.cacheGet('absent', 1_000), undefined);
  });

  it('misses an answer once its time to live has passed', () => {
    fresh.ledger.cachePut('k', answer, HOUR, 1_000);
    assert.equal(fresh.ledger.cacheGet('k', 1_000 + HOUR), undefined);
  });

  it('replaces the answer and its expiry when the same key is stored again', () => {
    fresh.ledger.cachePut('k', answer, HOUR, 1_000);
    fresh.ledger.cachePut('k', { ...answer, text: 'newer' }, 2 * HOUR, 2_000);
    assert.equal(fresh.ledger.cacheGet('k', 1_000 + HOUR + 10)?.text, 'newer');
  });

  it('forgets every answer on clear', () => {
    fresh.ledger.cachePut('a', answer, HOUR, 1_000);
    fresh.ledger.cachePut('b', answer, HOUR, 1_000);
    fresh.ledger.cacheClear();
    assert.equal(fresh.ledger.cacheGet('a', 1_000), undefined);
    assert.equal(fresh.ledger.cacheGet('b', 1_000), undefined);
  });

  it('stores nothing for a non-positive time to live', () => {
    fresh.ledger.cachePut('k', answer, 0, 1_000);
    assert.equal(fresh.ledger.cacheGet('k', 1_000), undefined);
  });

  it('deletes expired rows when the ledger is reopened', () => {
    const now = Date.now();
    fresh.ledger.cachePut('old', answer, 1, now - 10_000);
    fresh.ledger.cachePut('fresh', answer, HOUR, now);
    fresh.ledger.close();
    fresh.ledger = Ledger.open(fresh.dir);
    const { DatabaseSync } = process.getBuiltinModule('node:sqlite');
    const raw = new DatabaseSync(`${fresh.dir}/ledger.sqlite`, { readOnly: true });
    try {
      assert.deepEqual(
        raw.prepare('SELECT key FROM cache').all().map((r) => r.key),
        ['fresh'],
      );
    } finally {
      raw.close();
    }
  });
});

describe('cacheKey', () => {
  it('gives the same key whatever the order of object keys, at any depth', () => {
    const a = cacheKey({ model: 'm', params: { temperature: 0, maxTokens: 10 }, messages: [{ role: 'user', content: 'hi' }] });
    const b = cacheKey({ messages: [{ content: 'hi', role: 'user' }], params: { maxTokens: 10, temperature: 0 }, model: 'm' });
    assert.equal(a, b);
  });

  it('gives different keys for different values or array orders', () => {
    assert.notEqual(cacheKey({ prompt: 'a' }), cacheKey({ prompt: 'b' }));
    assert.notEqual(cacheKey(['a', 'b']), cacheKey(['b', 'a']));
  });

  it('is a 64-character hex sha256 digest', () => {
    assert.match(cacheKey({ x: 1 }), /^[0-9a-f]{64}$/);
  });

  it('refuses parts that have no JSON form', () => {
    assert.throws(() => cacheKey(undefined), TypeError);
  });
});

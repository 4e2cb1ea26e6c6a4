import assert from 'node:assert/strict';
import { bodyNestsDeeperThan } from '../../../server/src/gateway/body-depth';

const bytes = (text: string) => Buffer.from(text);

describe('bodyNestsDeeperThan', () => {
  it('counts arrays and objects, and the exact limit is allowed', () => {
    assert.equal(bodyNestsDeeperThan(bytes('{"a":[{"b":[1]}]}'), 4), false);
    assert.equal(bodyNestsDeeperThan(bytes('{"a":[{"b":[1]}]}'), 3), true);
    assert.equal(bodyNestsDeeperThan(bytes('[[],[],[[]]]'), 3), false);
  });

  it('skips brackets inside strings, escaped quotes and backslashes included', () => {
    const text = JSON.stringify({ code: 'f([[[{{{ "quoted \\" [[[" }}}])\\\\', next: '[[[[' });
    assert.equal(bodyNestsDeeperThan(bytes(text), 1), false);
    assert.equal(bodyNestsDeeperThan(bytes(`{"a":"\\\\"}`), 1), false);
  });

  it('finds deep nesting ten million levels deep without recursion', () => {
    const deep = bytes(`{"messages":${'['.repeat(10_000_000)}${']'.repeat(10_000_000)}}`);
    assert.equal(bodyNestsDeeperThan(deep, 200), true);
  });

  it('stops at an unterminated string, as the JSON parser will refuse it anyway', () => {
    assert.equal(bodyNestsDeeperThan(bytes('{"a":"[[[[['), 2), false);
  });
});

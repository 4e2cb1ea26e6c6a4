import assert from 'node:assert/strict';
import { ProviderError } from '../../../server/src/providers/errors';
import { describeCircuitOpen, describeCoolingKeys, describeError } from '../../../server/src/resilience/describe';
import { failure } from './helpers';

describe('describeError', () => {
  it('names a 429 by status, with the key and the retry-after when known', () => {
    const words = describeError(failure('rate_limited', 1500), 'key #2 of 3');
    assert.equal(words, '429 rate limited (key #2 of 3, retry after 2 s)');
  });

  it('keeps the status the provider sent for an overload', () => {
    assert.equal(describeError(new ProviderError('overloaded', 'busy', 503)), '503 overloaded');
  });

  it('shows short retry-after values in milliseconds', () => {
    assert.equal(describeError(failure('server', 250)), '500 server error: server from the test (retry after 250 ms)');
  });

  it('passes on the timeout message as it is', () => {
    assert.equal(describeError(new ProviderError('timeout', 'timed out after 30000 ms')), 'timed out after 30000 ms');
  });
});

describe('skip reasons', () => {
  it('tells how long a circuit stays open, rounded up to seconds', () => {
    assert.equal(describeCircuitOpen(12_500, 1000), 'circuit open for another 12 s');
  });

  it('tells how long keys cool, and what to do when they were rejected', () => {
    assert.equal(
      describeCoolingKeys({ status: 'cooling', until: 41_000, keyCount: 2 }, 1000),
      'all 2 API keys cooling down after rate limits for another 40 s',
    );
    assert.equal(
      describeCoolingKeys({ status: 'cooling', until: Infinity, keyCount: 1 }, 1000),
      'the provider rejected its only API key; update the key in settings',
    );
  });
});

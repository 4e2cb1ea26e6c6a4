import assert from 'node:assert/strict';
import { providerFailure } from '../../../server/src/providers/common/failure-message';
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

  it('says the status and the provider\'s own message once, without the model the attempt already names', () => {
    const refused = providerFailure('local/tiny-coder', 'bad_request', { status: 400, detail: 'model "tiny" not found' });
    assert.equal(describeError(refused), '400 request refused: model "tiny" not found');
    const revoked = providerFailure('openai/gpt', 'auth', { status: 401, detail: 'Incorrect API key provided: sk-abcdefgh' }, { apiKey: 'sk-abcdefgh' });
    assert.equal(describeError(revoked, 'key #2 of 2'), '401 API key rejected or missing: Incorrect API key provided: [redacted] (key #2 of 2)');
    const failing = providerFailure('openai/gpt', 'server', { status: 500, retryAfterMs: 2000, detail: 'oops' });
    assert.equal(describeError(failing), '500 server error: oops (retry after 2 s)');
  });

  it('words an adapter\'s timeout and a failure with nothing more to say without naming the model', () => {
    assert.equal(describeError(providerFailure('local/tiny-coder', 'timeout', { timeoutMs: 60_000 })), 'timed out after 60s');
    assert.equal(describeError(providerFailure('local/tiny-coder', 'connection', {})), 'connection failed');
    assert.equal(describeError(providerFailure('local/tiny-coder', 'cancelled', {})), 'cancelled');
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
      'the provider rejected its only API key; a refused key stays unused until the keys change',
    );
  });
});

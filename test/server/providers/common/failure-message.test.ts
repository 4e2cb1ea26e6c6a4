import assert from 'node:assert/strict';
import { failureMessage, formatDuration, redactSecrets } from '../../../../server/src/providers/common/failure-message';

describe('failureMessage', () => {
  it('says status, reason and retry delay in plain words', () => {
    const message = failureMessage('openai/gpt-4o-mini', 'rate_limited', { status: 429, retryAfterMs: 2000 });

    assert.equal(message, 'openai/gpt-4o-mini: 429 rate limited (retry after 2s)');
  });

  it('says how long a timed-out attempt waited', () => {
    assert.equal(failureMessage('a/b', 'timeout', { timeoutMs: 60_000 }), 'a/b: timed out after 60s');
  });

  it('shortens a long provider explanation to one line', () => {
    const message = failureMessage('a/b', 'bad_request', { status: 400, detail: `line one\n${'x'.repeat(500)}` });

    assert.ok(message.length < 240, message);
    assert.ok(!message.includes('\n'));
    assert.ok(message.endsWith('…'));
  });

  it('never carries the key, even when the key is cut off where the detail is shortened', () => {
    const key = 'sk-proj-ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    const detail = `${'y'.repeat(190)} ${key}`;

    const message = failureMessage('a/b', 'auth', { status: 401, detail }, key);

    assert.ok(!message.includes('ABCDEFGH'), message);
  });
});

describe('redactSecrets', () => {
  it('removes the key wherever it appears', () => {
    const text = 'bad key abc123-secret, really abc123-secret';

    assert.equal(redactSecrets(text, 'abc123-secret'), 'bad key [redacted], really [redacted]');
  });

  it('masks sk- tokens, whole or partly masked, even when the key is not known', () => {
    assert.equal(
      redactSecrets('Incorrect API key provided: sk-proj-abc*****wxyz.', undefined),
      'Incorrect API key provided: sk-[redacted]',
    );
  });

  it('leaves ordinary text such as model names alone', () => {
    const text = 'model claude-3-5-sonnet-20241022 not found';

    assert.equal(redactSecrets(text, 'k-123456'), text);
  });
});

describe('formatDuration', () => {
  it('uses milliseconds below a second and tenths of seconds above', () => {
    assert.equal(formatDuration(250), '250ms');
    assert.equal(formatDuration(1500), '1.5s');
    assert.equal(formatDuration(2000), '2s');
  });
});

import assert from 'node:assert/strict';
import { parseRetryAfterMs } from '../../../../server/src/providers/common/retry-after';

describe('parseRetryAfterMs', () => {
  const NOW = Date.parse('2026-01-01T00:00:00Z');

  it('reads retry-after delay-seconds, fractions included', () => {
    assert.equal(parseRetryAfterMs(new Headers({ 'retry-after': '2' }), NOW), 2000);
    assert.equal(parseRetryAfterMs(new Headers({ 'retry-after': '0.5' }), NOW), 500);
  });

  it('reads a retry-after HTTP date as the time left until it', () => {
    const headers = new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:07 GMT' });

    assert.equal(parseRetryAfterMs(headers, NOW), 7000);
  });

  it('clamps a retry-after date in the past to zero', () => {
    const headers = new Headers({ 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' });

    assert.equal(parseRetryAfterMs(headers, NOW), 0);
  });

  it('prefers retry-after-ms to retry-after', () => {
    const headers = new Headers({ 'retry-after': '20', 'retry-after-ms': '1250' });

    assert.equal(parseRetryAfterMs(headers, NOW), 1250);
  });

  it('falls back to retry-after when retry-after-ms is unreadable', () => {
    const headers = new Headers({ 'retry-after': '3', 'retry-after-ms': 'soon' });

    assert.equal(parseRetryAfterMs(headers, NOW), 3000);
  });

  it('gives undefined when there is no header or it is not a number or a date', () => {
    assert.equal(parseRetryAfterMs(new Headers(), NOW), undefined);
    assert.equal(parseRetryAfterMs(undefined, NOW), undefined);
    assert.equal(parseRetryAfterMs(new Headers({ 'retry-after': 'later' }), NOW), undefined);
    assert.equal(parseRetryAfterMs(new Headers({ 'retry-after': '-5' }), NOW), undefined);
  });
});

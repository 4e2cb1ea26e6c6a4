import * as assert from 'node:assert/strict';
import { RefusedKeyNotices } from '../../../client/src/errors/refusedKeyNotice';

const refused = { model: 'claude/claude-haiku-4-5', ok: false, error: '401 API key rejected or missing: invalid x-api-key' };
const answered = { model: 'openai/gpt-4o-mini', ok: true };

describe('RefusedKeyNotices', () => {
  it('names the provider whose key was refused and the model that answered instead', () => {
    const notice = new RefusedKeyNotices().consider({ model: 'openai/gpt-4o-mini', attempts: [refused, answered] });
    assert.equal(notice?.providerId, 'claude');
    assert.match(notice?.message ?? '', /claude refused its API key \(claude\/claude-haiku-4-5: 401 API key rejected or missing: invalid x-api-key\), so openai\/gpt-4o-mini answered instead/);
  });

  it('says it once per provider, and again after the keys changed', () => {
    const notices = new RefusedKeyNotices();
    const result = { model: 'openai/gpt-4o-mini', attempts: [refused, answered] };
    assert.ok(notices.consider(result));
    assert.equal(notices.consider(result), undefined);
    notices.reset();
    assert.ok(notices.consider(result));
  });

  it('says nothing for failures a key cannot fix (an outage, a rate limit) or when nothing failed', () => {
    const notices = new RefusedKeyNotices();
    assert.equal(notices.consider({ model: 'openai/gpt-4o-mini', attempts: [answered] }), undefined);
    assert.equal(notices.consider({ model: 'openai/gpt-4o-mini', attempts: [{ model: 'claude/c', ok: false, error: '503 overloaded' }, answered] }), undefined);
    assert.equal(notices.consider({ model: 'openai/gpt-4o-mini', attempts: [{ model: 'claude/c', ok: false, error: '429 rate limited' }, answered] }), undefined);
  });

  it('says nothing when another key of the same provider answered (key rotation already fixed it)', () => {
    const sameProvider = { model: 'claude/claude-haiku-4-5', attempts: [{ ...refused, error: '401 API key rejected or missing (key #1 of 2)' }, { model: 'claude/claude-haiku-4-5', ok: true }] };
    assert.equal(new RefusedKeyNotices().consider(sameProvider), undefined);
  });
});

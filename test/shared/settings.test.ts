import assert from 'node:assert/strict';
import { parseSettings } from '../../shared/settings';

describe('settings schema', () => {
  it('fills every default from an empty object', () => {
    const r = parseSettings({});
    assert.ok(r.ok);
    assert.equal(r.settings.routing.strategy, 'balanced');
    assert.equal(r.settings.budget.onExceed, 'warn');
    assert.equal(r.settings.cache.enabled, true);
  });

  it('names the setting a user got wrong', () => {
    const r = parseSettings({ budget: { dailyUsd: -5 }, providers: [{ id: 'x', type: 'openai', models: [{ id: 'm', inputUsdPerMTok: 'cheap' }] }] });
    assert.ok(!r.ok);
    assert.ok(r.errors.some((e) => e.startsWith('llmRouter.budget.dailyUsd:')));
    assert.ok(r.errors.some((e) => e.startsWith('llmRouter.providers.0.models.0.inputUsdPerMTok:')));
  });

  it('rejects two providers with the same id', () => {
    const p = { id: 'dup', type: 'openai', models: [{ id: 'm' }] };
    const r = parseSettings({ providers: [p, p] });
    assert.ok(!r.ok && r.errors[0].includes('"dup"'));
  });

  it('rejects a provider endpoint that is not http(s)', () => {
    const r = parseSettings({ providers: [{ id: 'x', type: 'openai-compatible', baseUrl: 'file:///etc/passwd', models: [{ id: 'm' }] }] });
    assert.ok(!r.ok && r.errors[0].startsWith('llmRouter.providers.0.baseUrl'));
  });

  it('treats null settings as defaults', () => {
    assert.ok(parseSettings(null).ok);
  });
});

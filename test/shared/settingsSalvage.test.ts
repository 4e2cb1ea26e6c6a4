import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseSettings } from '../../shared/settings';
import { salvageSettings } from '../../shared/settingsSalvage';

const openai = { id: 'openai', type: 'openai', models: [{ id: 'gpt-4o-mini' }] };
const claude = { id: 'claude', type: 'anthropic', models: [{ id: 'claude-haiku-4-5' }] };

describe('salvageSettings', () => {
  it('returns valid settings unchanged, with no errors', () => {
    const raw = { providers: [openai], routing: { strategy: 'cheapest' } };
    const { settings, errors } = salvageSettings(raw);
    assert.deepEqual(errors, []);
    assert.deepEqual(settings, (parseSettings(raw) as { settings: unknown }).settings);
  });

  it('keeps the providers when an unrelated setting is misspelt, and names the bad one', () => {
    const { settings, errors } = salvageSettings({ providers: [openai, claude], routing: { strategy: 'cheapestt' }, budget: { dailyUsd: 2 } });
    assert.deepEqual(settings.providers.map((p) => p.id), ['openai', 'claude']);
    assert.equal(settings.routing.strategy, 'balanced', 'the bad value falls back to its default');
    assert.equal(settings.budget.dailyUsd, 2, 'the valid budget next to it is kept');
    assert.equal(errors.length, 1);
    assert.match(errors[0], /^llmRouter\.routing\.strategy: /);
  });

  it('drops only the bad field of a model, keeping the model and its provider', () => {
    const bad = { ...openai, models: [{ id: 'gpt-4o-mini', inputUsdPerMTok: -1, outputUsdPerMTok: 0.6 }] };
    const { settings, errors } = salvageSettings({ providers: [bad] });
    assert.equal(settings.providers[0].models[0].id, 'gpt-4o-mini');
    assert.equal(settings.providers[0].models[0].inputUsdPerMTok, undefined);
    assert.equal(settings.providers[0].models[0].outputUsdPerMTok, 0.6);
    assert.match(errors.join(), /llmRouter\.providers\.0\.models\.0\.inputUsdPerMTok/);
  });

  it('drops a provider that lacks a required field, keeping the others', () => {
    const { settings, errors } = salvageSettings({ providers: [{ type: 'openai', models: [] }, claude] });
    assert.deepEqual(settings.providers.map((p) => p.id), ['claude']);
    assert.match(errors.join(), /llmRouter\.providers\.0\.id/);
  });

  it('drops the second of two providers with the same id', () => {
    const { settings, errors } = salvageSettings({ providers: [openai, { ...claude, id: 'openai' }] });
    assert.deepEqual(settings.providers.map((p) => p.type), ['openai']);
    assert.match(errors.join(), /used twice/);
  });

  it('removes a misspelt key of an alias, keeping the alias', () => {
    const { settings, errors } = salvageSettings({ providers: [openai], aliases: { quick: { strategy: 'fastest', kindd: 'explain' } } });
    assert.equal(settings.aliases.quick?.strategy, 'fastest');
    assert.ok(errors.length > 0);
  });

  it('falls back to the defaults when the settings are not an object at all', () => {
    const { settings, errors } = salvageSettings('nonsense');
    assert.deepEqual(settings.providers, []);
    assert.ok(errors.length > 0);
  });

  it('never throws, always returns settings that parse, and reports errors exactly when parseSettings does', () => {
    fc.assert(fc.property(fc.anything(), fc.array(fc.anything(), { maxLength: 3 }), fc.anything(), (routing, providers, budget) => {
      const raw = { routing, providers, budget };
      const { settings, errors } = salvageSettings(raw);
      assert.ok(parseSettings(settings).ok);
      assert.equal(errors.length > 0, !parseSettings(raw).ok);
    }));
  });
});

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_TIMER_MS, parseSettings } from '../../shared/settings';

// Values shaped like settings, wrong in every way a hand-edited settings.json can be.
const settingsLike = fc.record(
  {
    providers: fc.oneof(
      fc.array(
        fc.record(
          {
            id: fc.oneof(fc.string(), fc.integer()),
            type: fc.oneof(fc.constantFrom('openai', 'anthropic', 'openai-compatible'), fc.string()),
            baseUrl: fc.oneof(fc.webUrl(), fc.string()),
            models: fc.oneof(fc.array(fc.record({ id: fc.string(), inputUsdPerMTok: fc.oneof(fc.double(), fc.string()) }, { requiredKeys: [] })), fc.anything()),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
      fc.anything(),
    ),
    routing: fc.anything(),
    budget: fc.oneof(fc.record({ dailyUsd: fc.oneof(fc.double(), fc.string()), maxRequestUsd: fc.double(), onExceed: fc.string() }, { requiredKeys: [] }), fc.anything()),
    cache: fc.anything(),
    resilience: fc.anything(),
    trace: fc.anything(),
  },
  { requiredKeys: [] },
);

describe('settings schema', () => {
  it('fills every default from an empty object', () => {
    const r = parseSettings({});
    assert.ok(r.ok);
    assert.equal(r.settings.routing.strategy, 'balanced');
    assert.equal(r.settings.budget.onExceed, 'warn');
    assert.equal(r.settings.cache.enabled, true);
  });

  it('accepts all-workspaces daily and monthly limits and leaves them unset by default', () => {
    const r = parseSettings({ budget: { allWorkspaces: { dailyUsd: 2, monthlyUsd: 40 } } });
    assert.ok(r.ok);
    assert.deepEqual(r.settings.budget.allWorkspaces, { dailyUsd: 2, monthlyUsd: 40 });
    const empty = parseSettings({});
    assert.ok(empty.ok);
    assert.deepEqual(empty.settings.budget.allWorkspaces, {});
  });

  it('rejects a zero, negative or non-numeric all-workspaces limit and a misspelt field, naming the setting', () => {
    for (const [allWorkspaces, setting] of [
      [{ dailyUsd: 0 }, 'llmRouter.budget.allWorkspaces.dailyUsd:'],
      [{ monthlyUsd: -1 }, 'llmRouter.budget.allWorkspaces.monthlyUsd:'],
      [{ dailyUsd: '2' }, 'llmRouter.budget.allWorkspaces.dailyUsd:'],
      ['2', 'llmRouter.budget.allWorkspaces:'],
    ] as const) {
      const r = parseSettings({ budget: { allWorkspaces } });
      assert.ok(!r.ok, JSON.stringify(allWorkspaces));
      assert.ok(r.errors.some((e) => e.startsWith(setting)), r.errors.join('\n'));
    }
  });

  it('names the setting a user got wrong', () => {
    const r = parseSettings({ budget: { dailyUsd: -5 }, providers: [{ id: 'x', type: 'openai', models: [{ id: 'm', inputUsdPerMTok: 'cheap' }] }] });
    assert.ok(!r.ok);
    assert.ok(r.errors.some((e) => e.startsWith('llmRouter.budget.dailyUsd:')));
    assert.ok(r.errors.some((e) => e.startsWith('llmRouter.providers.0.models.0.inputUsdPerMTok:')));
  });

  it('refuses a duration past a day for every setting the server waits on, naming it (Node would run such a timer after 1 ms)', () => {
    const tooLong = 3e9;
    const r = parseSettings({
      resilience: { timeoutMs: tooLong, firstByteTimeoutMs: tooLong, breakerHalfOpenAfterMs: tooLong, keyCooldownMs: tooLong, maxRetryAfterMs: tooLong },
      inlineCompletions: { debounceMs: tooLong },
    });
    assert.ok(!r.ok);
    for (const name of ['resilience.timeoutMs', 'resilience.firstByteTimeoutMs', 'resilience.breakerHalfOpenAfterMs', 'resilience.keyCooldownMs', 'resilience.maxRetryAfterMs', 'inlineCompletions.debounceMs']) {
      assert.ok(r.errors.some((e) => e.startsWith(`llmRouter.${name}:`)), `${name} in ${r.errors.join('; ')}`);
    }
    assert.ok(parseSettings({ resilience: { timeoutMs: MAX_TIMER_MS } }).ok);
    // Four times the longest (a model that reasons gets four times the limits) still fits a timer.
    assert.ok(4 * MAX_TIMER_MS < 2 ** 31 - 1);
  });

  it('refuses a provider with more than 1,000 models, naming it', () => {
    const models = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `m${i}` }));
    const r = parseSettings({ providers: [{ id: 'many', type: 'openai-compatible', baseUrl: 'http://127.0.0.1:1/v1', models: models(10_000) }] });
    assert.ok(!r.ok && r.errors.some((e) => e.startsWith('llmRouter.providers.0.models:')), r.ok ? 'accepted' : r.errors.join('; '));
    assert.ok(parseSettings({ providers: [{ id: 'many', type: 'openai-compatible', baseUrl: 'http://127.0.0.1:1/v1', models: models(1_000) }] }).ok);
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

  it('never throws on any input: it accepts, or names every bad setting under llmRouter.', () => {
    fc.assert(
      fc.property(fc.oneof(settingsLike, fc.anything()), (raw) => {
        const result = parseSettings(raw);
        if (result.ok) {
          const again = parseSettings(result.settings);
          assert.ok(again.ok, 'parsed settings parse again');
          assert.deepEqual(again.settings, result.settings);
        } else {
          assert.ok(result.errors.length > 0);
          for (const error of result.errors) assert.match(error, /^llmRouter(\.|:)/, error);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('treats null settings as defaults', () => {
    assert.ok(parseSettings(null).ok);
  });

  it('accepts capabilities and a cache-write price on a model', () => {
    const r = parseSettings({
      providers: [{ id: 'o', type: 'openai-compatible', models: [{ id: 'm', cacheWriteInputUsdPerMTok: 1.25, capabilities: { tools: true, vision: false, jsonSchema: true } }] }],
    });
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.settings.providers[0].models[0].capabilities, { tools: true, vision: false, jsonSchema: true });
  });

  it('rejects a misspelt capability instead of silently ignoring it', () => {
    const r = parseSettings({ providers: [{ id: 'o', type: 'openai', models: [{ id: 'm', capabilities: { tool: true } }] }] });
    assert.deepEqual(r.ok ? [] : r.errors, ['llmRouter.providers.0.models.0.capabilities: Unrecognized key: "tool"']);
  });

  it('accepts aliases that list models, or name a strategy and/or a kind', () => {
    const aliases = { smart: { models: ['anthropic/claude-sonnet-4-5', 'openai/gpt-4o'] }, 'quick-explain': { strategy: 'fastest', kind: 'explain' } };
    const r = parseSettings({ aliases });
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.settings.aliases, aliases);
    const empty = parseSettings({});
    assert.ok(empty.ok && Object.keys(empty.settings.aliases).length === 0);
  });

  it('rejects an alias that shadows a built-in name, contains "/", is empty, or mixes models with a strategy', () => {
    const r = parseSettings({
      aliases: { best: { kind: 'ask' }, 'a/b': { strategy: 'best' }, nothing: {}, both: { models: ['a/b'], strategy: 'best' } },
    });
    assert.ok(!r.ok);
    assert.deepEqual(r.errors, [
      'llmRouter.aliases.best: an alias may not reuse a built-in name (auto, cheap, fast, best)',
      'llmRouter.aliases.a/b: an alias is letters, digits, ".", "_" or "-" (no "/": that names a configured model)',
      'llmRouter.aliases.nothing: an alias needs models, a strategy or a kind',
      'llmRouter.aliases.both.strategy: an alias lists models (tried in that order) or names a strategy, not both',
    ]);
  });
});

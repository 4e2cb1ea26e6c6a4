import assert from 'node:assert/strict';
import { defaultSettings } from '../../../shared/settings';
import type { Classification } from '../../../server/src/classify/types';
import { selectModels, SelectionError, type SelectionInput } from '../../../server/src/route/select';
import { CHEAP, MID, model, STRONG } from './models';

function classification(kind: Classification['kind'], difficultyScore: number): Classification {
  const difficulty = difficultyScore < 0.34 ? 'easy' : difficultyScore < 0.67 ? 'medium' : 'hard';
  return { kind, kindConfidence: 1, kindSource: 'given', difficulty, difficultyScore, signals: [] };
}

function input(over: Partial<SelectionInput> = {}): SelectionInput {
  return {
    models: [STRONG, CHEAP, MID],
    classification: classification('completion', 0.1),
    routing: defaultSettings.routing,
    inputTokens: 500,
    expectedOutputTokens: 100,
    downgrade: false,
    unavailable: () => undefined,
    observedLatencyMs: () => undefined,
    ...over,
  };
}

const chosen = (over: Partial<SelectionInput> = {}) => selectModels(input(over)).ordered[0].model.ref;

describe('selectModels', () => {
  it('sends an easy request to the cheapest model that clears the quality bar', () => {
    assert.equal(chosen(), 'p/cheap');
  });

  it('sends a hard request to a model strong enough for it', () => {
    assert.equal(chosen({ classification: classification('refactor', 0.95) }), 'p/strong');
  });

  it('picks the middle model when it is the cheapest one good enough', () => {
    assert.equal(chosen({ classification: classification('explain', 0.5) }), 'p/mid');
  });

  it('orders the fallbacks: qualified by score, then the rest strongest first', () => {
    const refs = selectModels(input({ classification: classification('explain', 0.5) })).ordered.map((c) => c.model.ref);
    assert.deepEqual(refs, ['p/mid', 'p/strong', 'p/cheap']);
  });

  it('uses the strongest model under the "best" strategy even for easy work', () => {
    assert.equal(chosen({ routing: { ...defaultSettings.routing, strategy: 'best' } }), 'p/strong');
  });

  it('uses the lowest latency model under "fastest"', () => {
    const quick = model('p/quick', 2, 8, 0.8, { latencyPriorMs: 200 });
    assert.equal(chosen({ models: [STRONG, MID, quick], routing: { ...defaultSettings.routing, strategy: 'fastest' } }), 'p/quick');
  });

  it('prefers observed latency over the prior', () => {
    const routing = { ...defaultSettings.routing, strategy: 'fastest' as const };
    const observed = (m: { ref: string }) => (m.ref === 'p/strong' ? 50 : undefined);
    assert.equal(chosen({ models: [STRONG, MID], routing, observedLatencyMs: observed }), 'p/strong');
  });

  it('falls back to the strongest model when none reaches the bar', () => {
    assert.equal(chosen({ models: [CHEAP, MID], classification: classification('refactor', 1) }), 'p/mid');
  });

  it('honours a per-kind rule pinning a model', () => {
    const routing = { ...defaultSettings.routing, rules: { completion: { model: 'p/strong' } } };
    assert.equal(chosen({ routing }), 'p/strong');
  });

  it('honours a per-kind minimum quality', () => {
    const routing = { ...defaultSettings.routing, rules: { completion: { minQuality: 0.9 } } };
    assert.equal(chosen({ routing }), 'p/strong');
  });

  it('puts a forced model first and rejects an unknown one', () => {
    assert.equal(chosen({ forcedModel: 'p/mid' }), 'p/mid');
    assert.throws(() => selectModels(input({ forcedModel: 'p/nope' })), SelectionError);
  });

  it('says the policy orders only the fallbacks when the caller asked for another model', () => {
    const { reasons } = selectModels(input({ forcedModel: 'p/strong' }));
    assert.ok(reasons.includes('model p/strong requested by the caller'), reasons.join('\n'));
    assert.ok(reasons.some((r) => r.startsWith('fallbacks after it, by strategy balanced: the cheapest of')), reasons.join('\n'));
    assert.ok(!reasons.some((r) => r.startsWith('strategy ')), reasons.join('\n'));
  });

  it('keeps the policy line as the choice when the caller asked for the model the policy picks anyway', () => {
    const { reasons } = selectModels(input({ forcedModel: 'p/cheap' }));
    assert.ok(reasons.some((r) => r.startsWith('strategy balanced: the cheapest of')), reasons.join('\n'));
  });

  it('downgrades to the cheapest fitting model when over budget', () => {
    const sel = selectModels(input({ classification: classification('refactor', 0.95), downgrade: true }));
    assert.equal(sel.ordered[0].model.ref, 'p/cheap');
    assert.ok(sel.reasons.some((r) => r.includes('over budget')));
  });

  it('skips models estimated above the per-request cap, and says which and why', () => {
    // 500 in + 100 out: cheap ~$0.00009, mid ~$0.0009, strong ~$0.005.
    const selection = selectModels(input({ classification: classification('refactor', 0.95), maxRequestUsd: 0.001 }));
    assert.deepEqual(selection.ordered.map((c) => c.model.ref).sort(), ['p/cheap', 'p/mid']);
    assert.ok(selection.reasons.some((r) => r === 'per-request cap $0.001: skipped p/strong (~$0.0050)'), selection.reasons.join('\n'));
  });

  it('skips models with no known price under a cap: nothing could hold them to it', () => {
    const unknown = model('p/unknown', undefined, undefined, 0.99);
    const selection = selectModels(input({ models: [unknown, CHEAP], maxRequestUsd: 1 }));
    assert.deepEqual(selection.ordered.map((c) => c.model.ref), ['p/cheap']);
    assert.ok(selection.reasons.some((r) => r.includes('p/unknown (no known price)')));
  });

  it('refuses, naming the setting, when every fitting model or the forced one is over the cap', () => {
    assert.throws(() => selectModels(input({ maxRequestUsd: 0.00001 })), (e: Error) =>
      e instanceof SelectionError && /Every model that fits this request is over llmRouter\.budget\.maxRequestUsd \(\$0\.00001\)/.test(e.message));
    assert.throws(() => selectModels(input({ maxRequestUsd: 0.001, forcedModel: 'p/strong' })), (e: Error) =>
      e instanceof SelectionError && /p\/strong \(~\$0\.0050\) is over llmRouter\.budget\.maxRequestUsd/.test(e.message));
  });

  it('excludes models whose context window is too small for the request, and says so', () => {
    const small = model('p/small-window', 0.01, 0.01, 0.9, { contextWindow: 1000 });
    const s = selectModels(input({ models: [small, STRONG], inputTokens: 5000 }));
    assert.equal(s.ordered[0].model.ref, 'p/strong');
    assert.ok(s.reasons.includes('left out p/small-window (context window 1000 tokens)'), s.reasons.join('\n'));
    assert.throws(
      () => selectModels(input({ models: [small], inputTokens: 5000 })),
      /^Error: No configured model can take this request: it needs ~5100 tokens of context; considered p\/small-window \(context window 1000 tokens\)\.$/,
    );
  });

  it('moves unavailable models (no key, open circuit) last and says why', () => {
    const sel = selectModels(input({ unavailable: (m) => (m.ref === 'p/cheap' ? 'no API key' : undefined) }));
    assert.notEqual(sel.ordered[0].model.ref, 'p/cheap');
    assert.equal(sel.ordered.at(-1)!.model.ref, 'p/cheap');
    assert.ok(sel.warnings.some((w) => w.includes('p/cheap') && w.includes('no API key')));
    assert.equal(sel.ordered.at(-1)!.unavailable, 'no API key', 'the reason travels with the candidate');
    assert.ok(sel.ordered.slice(0, -1).every((c) => c.unavailable === undefined));
  });

  it('warns only about an unavailable model that would have answered, not one further down the list', () => {
    const sel = selectModels(input({ unavailable: (m) => (m.ref === 'p/cheap' ? undefined : 'no API key') }));
    assert.equal(sel.ordered[0].model.ref, 'p/cheap');
    assert.deepEqual(sel.warnings.filter((w) => w.includes('no API key')), []);
    assert.ok(sel.ordered.slice(1).every((c) => c.unavailable === 'no API key'), 'the others still carry why, last in the list');
  });

  it('never treats an unknown price as free, and warns about it', () => {
    const mystery = model('p/mystery', undefined, undefined, 0.6);
    const sel = selectModels(input({ models: [mystery, CHEAP] }));
    assert.equal(sel.ordered[0].model.ref, 'p/cheap');
    const forced = selectModels(input({ models: [mystery, CHEAP], forcedModel: 'p/mystery' }));
    assert.ok(forced.warnings.some((w) => w.includes('No price is known for p/mystery')));
  });

  it('explains the choice in its reasons', () => {
    const sel = selectModels(input());
    assert.ok(sel.reasons.some((r) => r.startsWith('kind completion')));
    assert.ok(sel.reasons.some((r) => r.startsWith('difficulty easy')));
    assert.ok(sel.reasons.some((r) => r.startsWith('chose p/cheap')));
  });

  it("names the kind and that kind's own quality source in the choice", () => {
    const sourced = model('p/sourced', 0.1, 0.2, 0.9, {
      qualitySource: 'summary',
      qualitySourceByKind: { completion: 'aider polyglot board: 50% pass, run x of 2025-01-01' },
    });
    const sel = selectModels(input({ models: [sourced] }));
    assert.match(sel.reasons[0], /^chose p\/sourced: .*, quality 0\.90 for completion \(aider polyglot board: 50% pass, run x of 2025-01-01\)$/);
  });

  it('says so when no model is configured', () => {
    assert.throws(() => selectModels(input({ models: [] })), /llmRouter.providers/);
  });

  it('moves a kind off a model its workspace’s feedback demoted, with the feedback among the reasons', () => {
    const learnedQuality = (m: { ref: string }) =>
      m.ref === 'p/cheap' ? { quality: 0.3, demoted: true, reason: '5 of the last 6 completions from p/cheap were discarded: asking for more' } : undefined;
    const s = selectModels(input({ learnedQuality }));
    assert.equal(s.ordered[0].model.ref, 'p/mid');
    assert.ok(s.reasons.includes('feedback: 5 of the last 6 completions from p/cheap were discarded: asking for more'));
    assert.equal(s.ordered.find((c) => c.model.ref === 'p/cheap')!.quality, 0.3);
    assert.match(s.reasons[0], /^chose p\/mid: /);
  });

  it('keeps the cheap model that feedback found good enough, and says so in its choice', () => {
    const learnedQuality = (m: { ref: string }) =>
      m.ref === 'p/cheap' ? { quality: 0.55, demoted: false, reason: '1 of the last 20 completions from p/cheap was retried: good enough, kept' } : undefined;
    const s = selectModels(input({ learnedQuality }));
    assert.equal(s.ordered[0].model.ref, 'p/cheap');
    assert.match(s.reasons[0], /^chose p\/cheap: .*\(test, feedback: good enough\)$/);
  });
});

import * as assert from 'node:assert/strict';
import { modelName, plainReason, plainSource, whySummary } from '../../../client/src/format/plainReason';

describe('plainReason (the routing log in plain words)', () => {
  it('reads the per-kind source the catalog names, whichever board or estimate it is', () => {
    assert.equal(
      plainReason('chose openai/gpt-4o: ~$0.0123, quality 0.71 for refactor (aider refactor board: 49.4% pass, run gpt-4o of 2024-08-06; aider polyglot board: 23.1% pass, run gpt-4o of 2024-12-30)', 'refactor'),
      'chose openai/gpt-4o: estimated $0.01, quality 0.71 for refactor (public coding leaderboard)',
    );
    assert.equal(plainSource('no public explain benchmark; from aider polyglot board: 3.6% pass, run x of 2024-12-21'), 'public coding leaderboard (no public explain benchmark)');
    assert.equal(plainSource('no refactor-board result; from aider edit board: 70% pass, run x of 2024-05-01'), 'public coding leaderboard (no refactor result)');
    assert.equal(plainSource('no public results for my-model: quality estimated from its price, $2/MTok output'), 'no public results: estimated from its price');
    assert.equal(plainSource('aider polyglot board: 3.6% pass, run x of 2024-12-21, lowered by feedback'), 'public coding leaderboard, lowered by feedback');
  });

  it('says a leaderboard-based choice as quality for the kind, from a public leaderboard, with a rough estimated cost', () => {
    assert.equal(
      plainReason('chose openai/gpt-4o-mini: ~$0.000123, quality 0.80 (aider polyglot 2024-12-21 gpt-4o-mini-2024-07-18: 3.6%)', 'explain'),
      'chose openai/gpt-4o-mini: estimated $0.0001, quality 0.80 for explain (public coding leaderboard)',
    );
  });

  it('says when the cost is unknown and the quality a price-based estimate', () => {
    assert.equal(
      plainReason('chose x/y: unknown cost, quality 0.55 (price-based estimate from $0.60/MTok output (log-price fit on 40 aider polyglot models, r=0.8))', 'ask'),
      'chose x/y: no known price, quality 0.55 for ask (estimated from its price)',
    );
  });

  it('reads the strategy behind a model the caller asked for as the order of the fallbacks', () => {
    assert.equal(
      plainReason('fallbacks after it, by strategy balanced: the cheapest of 2/3 models with quality >= 0.55', 'refactor'),
      'if it fails: cheapest of the 2 of 3 models good enough for this (quality at least 0.55; strategy balanced)',
    );
  });

  it('reads the strategy without its symbols', () => {
    assert.equal(
      plainReason('strategy balanced: the cheapest of 2/3 models with quality >= 0.55', 'refactor'),
      'cheapest of the 2 of 3 models good enough for this (quality at least 0.55; strategy balanced)',
    );
  });

  it('shortens the difficulty to a word; its signals stay in the full reasons', () => {
    assert.equal(plainReason('difficulty easy (0.12): selection: 3 lines; short prompt', 'explain'), 'looks easy');
  });

  it('keeps a reason it does not know, and the unsure-kind reason, as written', () => {
    const unsure = 'not sure which kind (refactor 30%): answered as a question';
    assert.equal(plainReason(unsure, 'ask'), unsure);
    assert.equal(plainReason('fell back to a/b after a/c: 429', 'ask'), 'fell back to a/b after a/c: 429');
  });

  it('names settings as the source when the user set the quality', () => {
    assert.equal(plainSource('set in settings'), 'set in your settings');
    assert.equal(plainSource('settings for refactor; otherwise aider polyglot 2024-12-21 x: 3%'), 'your settings for refactor, otherwise estimated');
  });
});

describe('whySummary (the line under a routing-log row)', () => {
  const chose = (model: string) => `chose ${model}: ~$0.002, quality 0.84 for ask (aider polyglot 2024-12-21 claude: 10%)`;

  it('leaves out the model the row already names', () => {
    assert.equal(whySummary([chose('claude/haiku')], 'ask', 'claude/haiku'), 'estimated $0.002, quality 0.84 for ask (public coding leaderboard)');
  });

  it('keeps the name of the chosen model when a fallback answered, so its price and quality are not taken for the row\'s', () => {
    assert.equal(whySummary([chose('claude/haiku')], 'ask', 'openai/gpt-4o-mini'), 'chose claude/haiku: estimated $0.002, quality 0.84 for ask (public coding leaderboard)');
  });

  it('says when no reason was recorded', () => {
    assert.equal(whySummary([], 'ask', 'openai/gpt-4o-mini'), 'no reasons recorded');
  });
});

describe('a request the budget refused, in the routing log', () => {
  it('says the budget refused it and no model was called, not the model its reasons chose', () => {
    const reasons = ['chose claude/haiku: ~$0.002, quality 0.84 for ask (public coding leaderboard)'];
    assert.equal(whySummary(reasons, 'ask', '', 'blocked'), 'refused by the budget: no model was called');
    assert.equal(whySummary([], 'ask', '', 'blocked'), 'refused by the budget: no model was called');
  });

  it('names the model of a row without one as none, and leaves a real model as it is', () => {
    assert.equal(modelName(''), 'none (no model called)');
    assert.equal(modelName('openai/gpt-4o-mini'), 'openai/gpt-4o-mini');
  });
});

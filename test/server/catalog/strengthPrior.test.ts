import assert from 'node:assert/strict';
import { KINDS } from '../../../shared/protocol';
import { strengthPrior } from '../../../server/src/catalog/strengthPrior';

describe('strengthPrior', () => {
  it("uses a model's aider polyglot result and says so", () => {
    const prior = strengthPrior({ modelId: 'gpt-4.1', isLocal: false });
    assert.match(prior.source, /^aider polyglot 2025-04-14 gpt-4\.1: 52\.4%/);
    assert.ok(prior.strength > 0.5 && prior.strength < 1);
  });

  it('names the board behind each kind, and says when a kind has no benchmark of its own', () => {
    const prior = strengthPrior({ modelId: 'gpt-4o-2024-08-06', isLocal: false });
    assert.match(prior.sourceByKind.completion, /^aider polyglot board: 23\.1% pass, run gpt-4o-2024-08-06 of 2024-12-30$/);
    assert.match(prior.sourceByKind.refactor, /^aider refactor board: 49\.4% pass, run gpt-4o-2024-08-06 of 2024-08-06; aider polyglot board: 23\.1% pass/);
    assert.match(prior.sourceByKind.explain, /^no public explain benchmark; from aider polyglot board/);
    assert.ok(prior.refactorStrength !== undefined && prior.refactorStrength > 0 && prior.refactorStrength < 1);
  });

  it('says a model off the refactor board has no refactor result instead of quoting one', () => {
    const prior = strengthPrior({ modelId: 'gpt-4o-mini', isLocal: false });
    assert.equal(prior.refactorStrength, undefined);
    assert.match(prior.sourceByKind.refactor, /^no refactor-board result; from aider polyglot board: 3\.6% pass/);
  });

  it('finds a dated id through its dateless leaderboard alias', () => {
    assert.equal(strengthPrior({ modelId: 'o3-2025-04-16', isLocal: false }).source, strengthPrior({ modelId: 'o3', isLocal: false }).source);
  });

  it('finds a reseller id through its canonical name', () => {
    const viaOpenRouter = strengthPrior({ modelId: 'moonshotai/kimi-k2', isLocal: false });
    assert.match(viaOpenRouter.source, /Kimi K2/);
  });

  it('estimates an unbenchmarked model from its output price, higher for a pricier model', () => {
    const cheap = strengthPrior({ modelId: 'unlisted-small', outputUsdPerMTok: 0.4, isLocal: false });
    const pricey = strengthPrior({ modelId: 'unlisted-large', outputUsdPerMTok: 15, isLocal: false });
    assert.match(cheap.source, /^price-based estimate from \$0\.4\/MTok output/);
    assert.ok(pricey.strength > cheap.strength);
  });

  it('says a model with no public results has none, on every kind, and how it was estimated', () => {
    const prior = strengthPrior({ modelId: 'unlisted-small', outputUsdPerMTok: 0.4, isLocal: false });
    for (const kind of KINDS) {
      assert.equal(prior.sourceByKind[kind], 'no public results for unlisted-small: quality estimated from its price, $0.4/MTok output');
    }
    assert.match(strengthPrior({ modelId: 'my-finetune', isLocal: true }).sourceByKind.ask, /^no public results for my-finetune: quality assumed typical of local models/);
    assert.match(strengthPrior({ modelId: 'mystery', isLocal: false }).sourceByKind.refactor, /^no public results for mystery: quality a default guess, no price known/);
  });

  it('does not extrapolate a price beyond every benchmarked one into a strength above them all', () => {
    const absurd = strengthPrior({ modelId: 'unlisted-gold', outputUsdPerMTok: 1e6, isLocal: false });
    const gpt5 = strengthPrior({ modelId: 'gpt-5', isLocal: false });
    assert.ok(absurd.strength <= gpt5.strength);
  });

  it('gives a free local model the local default and a local latency guess', () => {
    const local = strengthPrior({ modelId: 'my-finetune', outputUsdPerMTok: 0, isLocal: true });
    const remote = strengthPrior({ modelId: 'my-finetune', isLocal: false });
    assert.match(local.source, /local model/);
    assert.match(remote.source, /no usable price/);
    assert.ok(local.latencyMs > 0 && remote.latencyMs > 0);
  });
});

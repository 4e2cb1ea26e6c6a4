import assert from 'node:assert/strict';
import { strengthPrior } from '../../../server/src/catalog/strengthPrior';

describe('strengthPrior', () => {
  it("uses a model's aider polyglot result and says so", () => {
    const prior = strengthPrior({ modelId: 'gpt-4.1', isLocal: false });
    assert.match(prior.source, /^aider polyglot 2025-04-14 gpt-4\.1: 52\.4%/);
    assert.ok(prior.strength > 0.5 && prior.strength < 1);
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

import assert from 'node:assert/strict';
import { KINDS } from '../../../shared/protocol';
import { qualityByKind } from '../../../server/src/catalog/kindQuality';

describe('kindQuality', () => {
  it('rates completion and summarize above refactor for the same model', () => {
    const quality = qualityByKind(0.6);
    assert.ok(quality.completion > quality.refactor);
    assert.ok(quality.summarize > quality.refactor);
  });

  it('places explain and ask between the easy kinds and refactor', () => {
    const quality = qualityByKind(0.6);
    for (const middle of [quality.explain, quality.ask]) {
      assert.ok(middle > quality.refactor && middle < quality.summarize);
    }
  });

  it('uses the strength itself for refactor when no refactor score exists', () => {
    assert.equal(qualityByKind(0.6).refactor, 0.6);
  });

  it('averages the strength with the calibrated refactor strength when there is one', () => {
    assert.equal(qualityByKind(0.6, 0.9).refactor, 0.75);
  });

  it('keeps the order of two models on every kind', () => {
    const weak = qualityByKind(0.4);
    const strong = qualityByKind(0.8);
    for (const kind of KINDS) assert.ok(strong[kind] > weak[kind], kind);
  });

  it('clamps an out-of-range strength into [0, 1]', () => {
    for (const kind of KINDS) {
      assert.ok(qualityByKind(1.7)[kind] <= 1);
      assert.ok(qualityByKind(-0.2)[kind] >= 0);
    }
  });
});

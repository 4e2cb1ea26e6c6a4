import assert from 'node:assert/strict';
import fc from 'fast-check';
import { roundUsd } from '../../../server/src/ledger/round-usd';

describe('roundUsd', () => {
  it('drops the noise of a floating-point sum', () => {
    assert.equal(String(roundUsd(0.000012 + 0.0000211 + 0.000022)), '0.0000551');
    assert.equal(String(roundUsd(0.1 + 0.2)), '0.3');
  });

  it("changes no real request's cost: whole tokens times a price per million tokens with up to four decimals", () => {
    const price = fc.integer({ min: 0, max: 1_000_000 }).map((tenThousandths) => tenThousandths / 10_000);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000 }), price, (tokens, usdPerMTok) => {
        const cost = (tokens * usdPerMTok) / 1_000_000;
        assert.ok(Math.abs(roundUsd(cost) - cost) <= 1e-15 * Math.max(1, cost), `${cost} -> ${roundUsd(cost)}`);
      }),
    );
  });
});

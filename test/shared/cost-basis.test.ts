import assert from 'node:assert/strict';
import { costBasis } from '../../shared/cost-basis';

describe('costBasis', () => {
  it('puts an unknown price first: no estimate or cache makes a missing price into a figure', () => {
    assert.equal(costBasis({ priceUnknown: true, estimated: true, cached: true, answered: true }), 'unknown-price');
  });

  it('names estimated tokens, then a cached answer, then a provider-reported bill', () => {
    assert.equal(costBasis({ estimated: true, cached: false, answered: false }), 'estimated');
    assert.equal(costBasis({ cached: true, answered: true }), 'cache');
    assert.equal(costBasis({ cached: false, answered: true }), 'provider');
  });

  it('says none for a request that ended without an answer or estimate', () => {
    assert.equal(costBasis({ cached: false, answered: false }), 'none');
  });
});

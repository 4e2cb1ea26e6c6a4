import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatCost, formatSpendToday, formatUsd, parseUsd } from '../../../client/src/format/money';

describe('formatCost', () => {
  it('shows a reported cost as formatUsd does', () => {
    assert.equal(formatCost(0.0012), '$0.0012');
    assert.equal(formatCost(0.42, {}), '$0.42');
  });

  it('marks an estimate as one, and never shows an unknown price as $0', () => {
    assert.equal(formatCost(0.0012, { estimated: true }), '≈$0.0012 (estimated)');
    assert.equal(formatCost(0, { priceUnknown: true }), 'unknown (no price set)');
    assert.equal(formatCost(0, { priceUnknown: true, estimated: true }), 'unknown (no price set)');
  });
});

describe('formatUsd', () => {
  it('shows two decimals from one cent up', () => {
    assert.equal(formatUsd(0.42), '$0.42');
    assert.equal(formatUsd(0.01), '$0.01');
    assert.equal(formatUsd(12.5), '$12.50');
  });

  it('shows four decimals below one cent so a cheap request still moves the number', () => {
    assert.equal(formatUsd(0.0012), '$0.0012');
    assert.equal(formatUsd(0.00005), '$0.0001');
    assert.equal(formatUsd(0.009), '$0.0090');
  });

  it('never shows a real but tiny amount as $0.0000: it reads <$0.0001', () => {
    assert.equal(formatUsd(0.0000099), '<$0.0001');
    assert.equal(formatUsd(0.00004), '<$0.0001');
    assert.equal(formatCost(0.00001, { estimated: true }), '≈<$0.0001 (estimated)');
    assert.equal(formatSpendToday(0.00002), '<$0.0001 today');
  });

  it('shows zero as $0.00', () => {
    assert.equal(formatUsd(0), '$0.00');
  });

  it('uses exactly the digits of toFixed, as the status bar documentation promises, from $0.0001 up', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), (amount) => {
      const decimals = amount > 0 && amount < 0.01 ? 4 : 2;
      const digits = `$${amount.toFixed(decimals)}`;
      assert.equal(formatUsd(amount), amount > 0 && digits === '$0.0000' ? '<$0.0001' : digits);
    }));
  });

  it('reads back within half a unit of its last digit (a tiny amount: below the bound it shows)', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 1e4, noNaN: true }), (amount) => {
      const shown = parseUsd(formatUsd(amount));
      // `<$0.0001` reads back as its bound, which the amount is below.
      assert.ok(shown !== undefined && Math.abs(shown - amount) <= (amount < 0.01 ? 0.0001 : 0.005) + 1e-12);
    }));
  });
});

describe('formatSpendToday', () => {
  it('is the status bar text: amount then "today"', () => {
    assert.equal(formatSpendToday(0.42), '$0.42 today');
    assert.equal(formatSpendToday(0.0012), '$0.0012 today');
  });
});

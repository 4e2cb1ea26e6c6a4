// Dollar figures as a person would write them. The ledger sums floating-point costs, so a
// total reads back as 0.000055100000000000004 where 0.0000551 was meant; a report rounds
// each figure once, as it leaves the ledger (the stored rows keep every digit).
//
// Ten decimal places: a real request costs whole tokens times a price per million tokens quoted
// to at most four decimals, a multiple of 1e-10 USD, so its cost does not change (a derived
// rate, such as a cache write at 1.25 times the input price, moves it by 5e-11 USD at most);
// the noise of a sum (about 1e-16 of its size) stays far below the last place kept for any
// spend under $100,000.
const USD_DECIMALS = 10;

export function roundUsd(usd: number): number {
  // toFixed works in decimal, and Number() takes the double nearest that decimal: the shortest figure reads back.
  return Number(usd.toFixed(USD_DECIMALS));
}

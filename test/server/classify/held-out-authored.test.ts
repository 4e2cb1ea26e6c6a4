// The authored rows kept out of training (data/authored-requests/held-out/): orders
// about things other than code while code is selected, general questions over a
// selection, side-chat bug reports and general questions about errors. The shipped
// decision measured 34 of 41 (asks over a selection 18 of 25: the weakest class left; the
// same after round 5's features and authored-requests/boundaries-3/4.jsonl;
// 33 and 17 before authored-requests/boundaries*.jsonl, 31 and 15 before the December
// label audit and contrasts.jsonl); this guards the figure and that training never
// reads the file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classify } from '../../../server/src/classify/classify';
import { readAuthoredRows, toInput, type IntentRow } from '../../../server/src/classify/training/dataset';

const FILE = join(__dirname, '..', '..', '..', 'data', 'authored-requests', 'held-out', 'non-code-and-bug-reports.jsonl');
const FLOOR = 33;

describe('classify: authored rows held out of training', () => {
  const rows = readFileSync(FILE, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as IntentRow);

  it('is never read as training data', () => {
    const trained = new Set(readAuthoredRows().map((row) => `${row.location} ${row.request}`));
    assert.ok(rows.every((row) => !trained.has(`${row.location} ${row.request}`)));
  });

  it(`decides at least ${FLOOR} of the ${rows.length} rows right (measured 34)`, () => {
    const right = rows.filter((row) => classify(toInput(row)).kind === row.kind).length;
    assert.ok(right >= FLOOR, `${right} of ${rows.length}`);
  });
});

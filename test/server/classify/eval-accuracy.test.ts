// Accuracy of the request classifier on the held-out eval.jsonl, which training and
// tuning never see (data/copilot-chat-intents/README.md). The product target is 90%
// (`npm run eval:classifier` reports against it). The model measured 89.9% (310/345) until the
// kinds were retrained to hold on unseen phrasing (issue 11): that model measured 87.8%
// (303/345); retrained on all labelled rows alike with the fresh authored rows, the
// question-form and multilingual features and the one-standard-error penalty, 85.5%
// (295/345); after the round-5 features and rows (work-object.ts, boundaries-3/4.jsonl),
// 87.5% (302/345), measured once at the end. Round 12 relabelled the training side's side-chat
// requests for a piece of code as completion (rule R1 of data/authored-requests/AUDIT.md), which
// eval.jsonl, kept as upstream labels it, calls ask: 86.4% (298/345) -> 83.5% (288/345), nine
// of the ten rows lost in the side chat (side-chat asks guessed as completion 8 -> 16 rows), one
// over a selection. Round 13 (rule R3: a concept with nothing given is an ask; explain-wide.jsonl)
// 83.5% -> 82.9% (286/345): completions 60 -> 62 of 67 right, asks 175 -> 171 of 212 (guessed as
// completion 17 -> 21, as explain 5 -> 8). Counts by cell only, no row of it read.
// Reported, used to choose nothing; this test guards the measured figure.
import assert from 'node:assert/strict';
import { classify } from '../../../server/src/classify/classify';
import { readRows, toInput } from '../../../server/src/classify/training/dataset';

const REGRESSION_FLOOR = 0.82;

describe('classify: accuracy on the held-out Copilot Chat intents', () => {
  it(`labels at least ${REGRESSION_FLOOR * 100}% of eval.jsonl with the right kind (the measured 82.9%, target 90% under upstream's labels)`, () => {
    const rows = readRows('eval.jsonl');
    // The classifier's guess, also when it was too unsure to act on it (then the answer is a question).
    const guessed = (row: (typeof rows)[number]) => { const c = classify(toInput(row)); return c.unsureOf?.kind ?? c.kind; };
    const correct = rows.filter((row) => guessed(row) === row.kind).length;
    const accuracy = correct / rows.length;
    assert.ok(accuracy >= REGRESSION_FLOOR, `accuracy ${(accuracy * 100).toFixed(1)}% (${correct}/${rows.length})`);
  });
});

import assert from 'node:assert/strict';
import { hasSelection } from '../../../../server/src/text/selection';
import { readAuthoredRows, readRows, toInput } from '../../../../server/src/classify/training/dataset';

describe('intent dataset', () => {
  it('reads both sides of the split with known kinds and locations', () => {
    assert.equal(readRows('train.jsonl').length, 319);
    assert.equal(readRows('eval.jsonl').length, 345);
  });

  it('reads the authored rows, each with a kind that matches its intent as the upstream mapping has it', () => {
    const authored = readAuthoredRows();
    assert.ok(authored.length >= 400, `${authored.length} rows`);
    const kindOfIntent: Record<string, string> = { explain: 'explain', edit: 'refactor', fix: 'refactor', generate: 'completion', new: 'completion', tests: 'completion', doc: 'summarize' };
    for (const row of authored) assert.equal(row.kind, kindOfIntent[row.intent] ?? 'ask', row.request);
  });

  it('turns an inline row into a request with a selection and a panel row into one without a document', () => {
    const inline = toInput({ request: 'fix this', location: 'inline', kind: 'refactor', intent: 'fix' });
    const panel = toInput({ request: 'hi', location: 'panel', kind: 'ask', intent: 'unknown' });
    assert.equal(hasSelection(inline.document), true);
    assert.equal(inline.prompt, 'fix this');
    assert.deepEqual(panel, { prompt: 'hi' });
  });
});

import assert from 'node:assert/strict';
import { answerWithRefusal, refusalNotice } from '../../../client/src/format/refusal';

describe('refusalNotice / answerWithRefusal: a model that declined is said plainly, never shown as an empty answer', () => {
  it('quotes the model\'s words when it gave some (OpenAI\'s refusal)', () => {
    assert.equal(refusalNotice({ refusal: "  I can't help with that. " }), 'The model declined to answer: “I can\'t help with that.”');
    assert.equal(answerWithRefusal({ text: '', refusal: "I can't help with that." }), 'The model declined to answer: “I can\'t help with that.”');
  });

  it('says it declined after what it wrote before, when it gave no words (Anthropic\'s stop_reason "refusal")', () => {
    assert.equal(answerWithRefusal({ text: 'Here is how one would', refusal: '' }), 'Here is how one would\n\nThe model declined to answer.');
  });

  it('leaves an answer alone', () => {
    assert.equal(refusalNotice({}), undefined);
    assert.equal(answerWithRefusal({ text: 'An answer.' }), 'An answer.');
  });
});

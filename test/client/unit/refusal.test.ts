import assert from 'node:assert/strict';
import { answerWithRefusal, refusalNotice, StreamedRefusal, warningsBesideRefusal } from '../../../client/src/format/refusal';
import { refusalWarning } from '../../../shared/refusal-warning';

describe('refusalNotice / answerWithRefusal: a model that declined is said plainly, never shown as an empty answer', () => {
  it('quotes the model\'s words when it gave some (OpenAI\'s refusal)', () => {
    assert.equal(refusalNotice({ refusal: "  I can't help with that. " }), 'The model declined to answer: “I can\'t help with that.”');
    assert.equal(answerWithRefusal({ text: '', refusal: "I can't help with that." }), 'The model declined to answer: “I can\'t help with that.”');
  });

  it('says it declined after what it wrote before, when it gave no words (Anthropic\'s stop_reason "refusal")', () => {
    assert.equal(answerWithRefusal({ text: 'Here is how one would', refusal: '' }), 'Here is how one would\n\nThe model declined to answer.');
  });

  it('adds the provider\'s explanation (Anthropic\'s stop_details) as a sentence of its own, never inside the model\'s words', () => {
    const refusalDetails = { category: 'cyber', explanation: 'This request could enable malware development.' };
    assert.equal(
      answerWithRefusal({ text: 'Here is how one would', refusal: '', refusalDetails }),
      'Here is how one would\n\nThe model declined to answer. The provider explains (cyber): This request could enable malware development.',
    );
    assert.equal(refusalNotice({ refusal: '', refusalDetails: { category: 'bio', explanation: null } }), 'The model declined to answer. The provider names the policy category: bio.');
    assert.equal(refusalNotice({ refusal: '', refusalDetails: { category: null, explanation: null } }), 'The model declined to answer.');
  });

  it('leaves an answer alone', () => {
    assert.equal(refusalNotice({}), undefined);
    assert.equal(answerWithRefusal({ text: 'An answer.' }), 'An answer.');
  });
});

describe('StreamedRefusal: a refusal shown as its pieces arrive', () => {
  it('opens the notice with the first piece and closes it at the end: the pieces read as the whole notice', () => {
    const refusal = new StreamedRefusal();
    const words = "I can't help with that.";
    const shown = [refusal.piece("I can't ", false), refusal.piece('help with that.', false), refusal.finish({ refusal: words }, false)];
    assert.equal(shown.join(''), refusalNotice({ refusal: words }));
  });

  it('sets the notice apart from the text the model wrote first', () => {
    const refusal = new StreamedRefusal();
    assert.equal(refusal.piece('No.', true) + refusal.finish({ refusal: 'No.' }, true), '\n\nThe model declined to answer: “No.”');
  });

  it('gives the whole notice at the end when no piece streamed (Anthropic\'s refusal), and nothing for an answer', () => {
    assert.equal(new StreamedRefusal().finish({ refusal: '' }, true), '\n\nThe model declined to answer.');
    assert.equal(new StreamedRefusal().finish({}, true), '');
  });

  it('closes the streamed words before the provider\'s explanation', () => {
    const refusal = new StreamedRefusal();
    const result = { refusal: 'No.', refusalDetails: { category: null, explanation: 'Declined by policy.' } };
    assert.equal(refusal.piece('No.', false) + refusal.finish(result, false), refusalNotice(result));
    assert.equal(refusalNotice(result), 'The model declined to answer: “No.” The provider explains: Declined by policy.');
  });

  it('opens anew after the answer started over', () => {
    const refusal = new StreamedRefusal();
    refusal.piece('No', false);
    refusal.restart();
    assert.equal(refusal.started, false);
    assert.equal(refusal.piece('No.', false), 'The model declined to answer: “No.');
  });
});

describe('warningsBesideRefusal: the refusal is said once', () => {
  it('leaves out the server\'s warning that the model declined, and keeps the others', () => {
    const model = 'local/tiny';
    const warnings = ['local/tiny has no known price', refusalWarning(model, 'No.')];
    assert.deepEqual(warningsBesideRefusal({ model, refusal: 'No.', warnings }), ['local/tiny has no known price']);
    assert.deepEqual(warningsBesideRefusal({ model, refusal: '', warnings: [refusalWarning(model, '')] }), []);
  });

  it('keeps every warning of an answer', () => {
    const warnings = [refusalWarning('local/tiny', 'No.')];
    assert.deepEqual(warningsBesideRefusal({ model: 'local/tiny', warnings }), warnings);
  });
});

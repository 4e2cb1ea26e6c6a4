import assert from 'node:assert/strict';
import { assessDifficulty } from '../../../server/src/classify/difficulty';
import { codeDocument } from './helpers';

describe('assessDifficulty', () => {
  it('starts from a base per kind: completion lowest, refactor highest', () => {
    const base = (kind: Parameters<typeof assessDifficulty>[0]): number => assessDifficulty(kind, '', undefined).score;
    assert.ok(base('completion') < base('summarize'));
    assert.ok(base('summarize') < base('explain'));
    assert.ok(base('explain') < base('ask'));
    assert.ok(base('ask') < base('refactor'));
  });

  it('grows with the size of the selection', () => {
    const small = assessDifficulty('refactor', 'clean this up', codeDocument(200, [0, 10]));
    const large = assessDifficulty('refactor', 'clean this up', codeDocument(200, [0, 200]));
    assert.ok(small.score < large.score, `${small.score} vs ${large.score}`);
  });

  it('counts a whole document without a selection at half the weight of the same code selected', () => {
    const selected = assessDifficulty('ask', 'is this right', codeDocument(300, [0, 300]));
    const unselected = assessDifficulty('ask', 'is this right', codeDocument(300));
    assert.ok(unselected.score < selected.score);
    assert.ok(unselected.signals.some((signal) => signal.startsWith('document (no selection, counted at half): 300 lines')));
  });

  it('rates hard wording higher and mechanical wording lower than neutral wording', () => {
    const neutral = assessDifficulty('refactor', 'change this function', codeDocument(20, [0, 20])).score;
    const hard = assessDifficulty('refactor', 'change this function to avoid the deadlock', codeDocument(20, [0, 20])).score;
    const easy = assessDifficulty('refactor', 'fix the typo in this function', codeDocument(20, [0, 20])).score;
    assert.ok(easy < neutral && neutral < hard, `${easy} < ${neutral} < ${hard}`);
  });

  it('caps the wording bonus at +0.35 however many hard cues there are', () => {
    const prompt = 'design a secure, distributed, lock-free architecture and prove its correctness; optimize it';
    const result = assessDifficulty('ask', prompt, undefined, () => 0.2);
    // ask base 0.30 + half the learned need (0.2) + the capped wording 0.35.
    assert.equal(result.score, 0.75);
    assert.ok(result.signals.includes('wording capped at +0.35'));
  });

  it('adds half the learned need of the wording, and a need of 0.8 alone makes a question hard', () => {
    const result = assessDifficulty('ask', 'Which of these groups is cyclic?', undefined, () => 0.8);
    assert.equal(result.need, 0.8);
    assert.equal(result.score, 0.7);
    assert.equal(result.difficulty, 'hard');
    assert.ok(result.signals.includes('learned need 0.80: likely needs a strong model (+0.40)'), result.signals.join('\n'));
    assert.equal(assessDifficulty('ask', 'Which of these groups is cyclic?', undefined, () => 0).difficulty, 'easy');
  });

  it('does not ask the need model about an empty prompt (a completion at the cursor)', () => {
    const result = assessDifficulty('completion', '', codeDocument(5), () => {
      throw new Error('need model called on an empty prompt');
    });
    assert.equal(result.need, 0);
    assert.ok(!result.signals.some((signal) => signal.startsWith('learned need')));
  });

  it('uses the bundled need model by default, the same way every time', () => {
    const prompt = 'A farmer has 17 sheep and buys 3 times as many goats; how many animals are there?';
    const first = assessDifficulty('ask', prompt, undefined);
    assert.deepEqual(assessDifficulty('ask', prompt, undefined), first);
    assert.ok(first.need > 0 && first.need <= 1);
  });

  it('rates a multi-step request harder and says how many steps it found', () => {
    const single = assessDifficulty('completion', 'add a login form', undefined);
    const steps = assessDifficulty('completion', 'add a login form\n1. validate the email\n2. call the API\n3. show errors', undefined);
    assert.ok(steps.score > single.score);
    assert.ok(steps.signals.includes('wording: multi-step (3 steps) (+0.15)'), steps.signals.join('\n'));
  });

  it('counts bullet points (•) as steps like numbered ones', () => {
    const steps = assessDifficulty('completion', 'add a login form\n• validate the email\n• call the API', undefined);
    assert.ok(steps.signals.includes('wording: multi-step (2 steps) (+0.15)'), steps.signals.join('\n'));
  });

  it('rates prose and config languages easier and systems languages harder than TypeScript', () => {
    const score = (languageId: string): number => assessDifficulty('explain', 'explain this', codeDocument(30, [0, 30], languageId)).score;
    assert.ok(score('markdown') < score('typescript'));
    assert.ok(score('typescript') < score('rust'));
  });

  it('keeps the score within 0..1 at both extremes', () => {
    // The least and the most the learned need can say, with every other term at its extreme.
    const lowest = assessDifficulty('completion', 'hi, fix a simple typo and rename it', codeDocument(1, [0, 1], 'plaintext'), () => 0);
    const highest = assessDifficulty('refactor', 'prove this concurrent design is secure', codeDocument(3000, [0, 3000], 'cpp'), () => 1);
    assert.equal(lowest.score, 0);
    assert.equal(lowest.difficulty, 'easy');
    assert.equal(highest.score, 1);
    assert.equal(highest.difficulty, 'hard');
  });
});

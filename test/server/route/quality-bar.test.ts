import assert from 'node:assert/strict';
import { classify } from '../../../server/src/classify/classify';
import { describeQualityBar, qualityBar } from '../../../server/src/route/quality-bar';

describe('quality bar', () => {
  it('rises with the difficulty score, from 0.40 for the easiest to 0.80 for the hardest request', () => {
    const bars = [0, 0.25, 0.5, 0.75, 1].map((score) => qualityBar('ask', score, 'balanced', {}));
    assert.deepEqual(bars.map((b) => b.toFixed(2)), ['0.40', '0.50', '0.60', '0.70', '0.80']);
  });

  it('follows the learned need: a prompt the need model scores higher gets a higher bar', () => {
    const greeting = classify({ kind: 'ask', prompt: 'hello there' });
    const problem = classify({
      kind: 'ask',
      prompt:
        'Janet has 3 times as many apples as Tom. Tom gives away 4 apples and buys 12 more, then has half as many as Janet. ' +
        'How many apples did Janet have at first if she sold 25% of them on Monday?',
    });
    assert.ok(
      qualityBar('ask', problem.difficultyScore, 'balanced', {}) > qualityBar('ask', greeting.difficultyScore, 'balanced', {}),
      `${problem.difficultyScore} vs ${greeting.difficultyScore}`,
    );
  });

  it('says in plain words that a hard request likely needs a strong model, and the bar it asks for', () => {
    assert.equal(describeQualityBar('ask', 'hard', 0.78, 'balanced', {}), 'likely needs a strong model (difficulty 0.78): asking for quality 0.71 or better');
    assert.equal(describeQualityBar('completion', 'easy', 0.1, 'cheapest', {}), 'a small model is likely enough (difficulty 0.10): asking for quality 0.34 or better, 0.10 lower for strategy cheapest');
  });

  it('lets a per-kind rule override the bar, and says so', () => {
    assert.equal(qualityBar('refactor', 0.1, 'balanced', { refactor: { minQuality: 0.9 } }), 0.9);
    assert.equal(describeQualityBar('refactor', 'easy', 0.1, 'balanced', { refactor: { minQuality: 0.9 } }), 'rule for refactor: asking for quality 0.90 or better');
  });
});

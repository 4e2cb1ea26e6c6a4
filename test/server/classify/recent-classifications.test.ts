import assert from 'node:assert/strict';
import { classify } from '../../../server/src/classify/classify';
import { RecentClassifications } from '../../../server/src/classify/recent-classifications';
import type { Classification } from '../../../server/src/classify/types';

const A_CLASSIFICATION: Classification = {
  kind: 'explain', kindConfidence: 0.9, kindSource: 'classifier', difficulty: 'easy', difficultyScore: 0.2, signals: ['a signal'],
};

describe('RecentClassifications', () => {
  it('classifies a recurring prompt once, and hands each caller a copy of its own', () => {
    const recent = new RecentClassifications();
    let runs = 0;
    const work = () => (runs++, A_CLASSIFICATION);

    const first = recent.get(undefined, 'explain this', work);
    first.signals.push('added by the first caller');
    const second = recent.get(undefined, 'explain this', work);

    assert.equal(runs, 1);
    assert.deepEqual(second, A_CLASSIFICATION);
  });

  it('tells a prompt with a given kind from the same prompt without one', () => {
    const recent = new RecentClassifications();
    let runs = 0;
    recent.get(undefined, 'fix it', () => (runs++, A_CLASSIFICATION));
    recent.get('fix', 'fix it', () => (runs++, A_CLASSIFICATION));

    assert.equal(runs, 2);
  });

  it('keeps at most its capacity, dropping the least recently used prompt first', () => {
    const recent = new RecentClassifications(2);
    const ran: string[] = [];
    const get = (prompt: string) => recent.get(undefined, prompt, () => (ran.push(prompt), A_CLASSIFICATION));

    get('one');
    get('two');
    get('one'); // now the most recent
    get('three'); // drops "two"
    get('one');
    get('two');

    assert.equal(recent.size, 2);
    assert.deepEqual(ran, ['one', 'two', 'three', 'two']);
  });

  it('classifies a long prompt every time rather than keep it', () => {
    const recent = new RecentClassifications();
    let runs = 0;
    const long = 'x'.repeat(10_000);
    recent.get(undefined, long, () => (runs++, A_CLASSIFICATION));
    recent.get(undefined, long, () => (runs++, A_CLASSIFICATION));

    assert.equal(runs, 2);
    assert.equal(recent.size, 0);
  });
});

describe('classify with recent prompts kept', () => {
  it('answers a repeated prompt exactly as the first time', () => {
    const prompt = 'Why does this recursive function overflow the stack on large inputs?';
    assert.deepEqual(classify({ prompt }), classify({ prompt }));
    assert.deepEqual(classify({ prompt, kind: 'explain' }), classify({ prompt, kind: 'explain' }));
  });
});

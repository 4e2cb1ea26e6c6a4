import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { FEATURE_COUNT, needFeatures } from '../../../../server/src/classify/need/features';
import { calibrate, percentiles } from '../../../../server/src/classify/need/model-format';
import { predictNeed } from '../../../../server/src/classify/need/need';
import savedModel from '../../../../server/src/classify/need/need-model.json';

const MODEL_FILE = join(__dirname, '..', '..', '..', '..', 'server', 'src', 'classify', 'need', 'need-model.json');

describe('need scorer (bundled need-model.json)', () => {
  it('ships a weights file under 2 MB that matches the features it is scored with', () => {
    assert.ok(statSync(MODEL_FILE).size < 2 * 1024 * 1024);
    assert.equal(savedModel.featureCount, FEATURE_COUNT);
    assert.equal(savedModel.weights.length, FEATURE_COUNT);
  });

  it('scores the same prompt the same way every time, within 0..1', () => {
    const prompt = 'A train leaves at 3pm at 60 mph; another leaves at 4pm at 80 mph. When does the second catch up?';
    const first = predictNeed(prompt);
    assert.deepEqual(predictNeed(prompt), first);
    assert.ok(first.score >= 0 && first.score <= 1);
  });

  it('reads features deterministically, with every column inside the model', () => {
    const features = needFeatures('Statement 1 | Every group of order 15 is cyclic.\nA. True\nB. False\nC. Both\nD. Neither\nAnswer:');
    assert.deepEqual(needFeatures('Statement 1 | Every group of order 15 is cyclic.\nA. True\nB. False\nC. Both\nD. Neither\nAnswer:'), features);
    assert.ok(features.ids.every((id) => id >= 0 && id < FEATURE_COUNT));
  });

  it('learned from the data that a multi-step word problem needs the strong model more than a one-word greeting', () => {
    const greeting = predictNeed('hello');
    const problem = predictNeed(
      'Janet has 3 times as many apples as Tom. Tom gives away 4 apples and buys 12 more, then has half as many as Janet. ' +
        'How many apples did Janet have at first if she sold 25% of them on Monday?',
    );
    assert.ok(problem.score > greeting.score, `${problem.score} vs ${greeting.score}`);
  });
});

describe('calibrate (raw need -> share of training prompts scored lower)', () => {
  const quantiles = percentiles(Array.from({ length: 1001 }, (_, i) => i / 1000));

  it('maps the training distribution onto 0..1, clamped outside it', () => {
    assert.equal(calibrate(quantiles, -5), 0);
    assert.equal(calibrate(quantiles, 5), 1);
    assert.ok(Math.abs(calibrate(quantiles, 0.25) - 0.25) < 1e-9);
  });

  it('never reorders two scores (so routing quality is that of the raw score)', () => {
    let previous = -1;
    for (let raw = -0.1; raw <= 1.1; raw += 0.013) {
      const value = calibrate(quantiles, raw);
      assert.ok(value >= previous);
      previous = value;
    }
  });
});

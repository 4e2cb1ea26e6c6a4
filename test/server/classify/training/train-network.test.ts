import assert from 'node:assert/strict';
import { softmax } from '../../../../server/src/classify/linear';
import { networkScores } from '../../../../server/src/classify/network';
import { trainNetwork } from '../../../../server/src/classify/training/train-network';
import { trainSoftmax, type Example } from '../../../../server/src/classify/training/train-softmax';
import { linearScores } from '../../../../server/src/classify/linear';

// Class 1 exactly when one of the two words is there, not both: what the words mean
// together, which no weighted sum of the words alone can tell apart.
const together: Example[] = [
  { features: new Map([['w:bias', 1]]), label: 0 },
  { features: new Map([['w:bias', 1], ['w:a', 1]]), label: 1 },
  { features: new Map([['w:bias', 1], ['w:b', 1]]), label: 1 },
  { features: new Map([['w:bias', 1], ['w:a', 1], ['w:b', 1]]), label: 0 },
];
const options = { classCount: 2, hidden: 8, epochs: 1000, learningRate: 0.05, l2: 0, classWeights: [1, 1], seed: 1 };
const predicted = (scores: number[]): number => scores.indexOf(Math.max(...scores));

describe('trainNetwork', () => {
  it('learns a class that turns on two features together, which the linear model cannot', () => {
    const network = trainNetwork(together, options);
    for (const example of together) assert.equal(predicted(networkScores(network, example.features)), example.label);
    const linear = trainSoftmax(together, { classCount: 2, l2: 0, epochs: 400, learningRate: 0.5 });
    assert.ok(together.some((example) => predicted(linearScores(linear, example.features, 2)) !== example.label));
  });

  it('is deterministic for a seed: the same rows give the same weights', () => {
    const short = { ...options, epochs: 20 };
    assert.deepEqual(trainNetwork(together, short), trainNetwork(together, short));
    assert.notDeepEqual(trainNetwork(together, short), trainNetwork(together, { ...short, seed: 2 }));
  });

  it('weighs a class by its class weight: a heavier class wins a contested example', () => {
    const contested: Example[] = [
      { features: new Map([['w:same', 1]]), label: 0 },
      { features: new Map([['w:same', 1]]), label: 1 },
    ];
    const lean = (weights: number[]): number => {
      const network = trainNetwork(contested, { ...options, epochs: 100, classWeights: weights });
      return softmax(networkScores(network, new Map([['w:same', 1]])))[1];
    };
    assert.ok(lean([1, 3]) > 0.6 && lean([3, 1]) < 0.4);
  });
});

describe('networkScores', () => {
  it('adds a hidden unit only when its input is above zero (ReLU)', () => {
    const network = {
      input: new Map([['w:x', [1, -1]]]),
      hiddenBias: [0, 0],
      output: [[2, 0], [0, 5]],
      outputBias: [0.5, 0],
    };
    // Unit 0 gets 3 (adds 2 x 3 to class 0); unit 1 gets -3 and adds nothing.
    assert.deepEqual(networkScores(network, new Map([['w:x', 3], ['w:unknown', 9]])), [6.5, 0]);
  });
});

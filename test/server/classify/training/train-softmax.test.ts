import assert from 'node:assert/strict';
import { linearScores, softmax } from '../../../../server/src/classify/linear';
import { trainSoftmax, type Example } from '../../../../server/src/classify/training/train-softmax';

const examples: Example[] = [
  { features: new Map([['w:explain', 1]]), label: 0 },
  { features: new Map([['w:explain', 1], ['w:this', 1]]), label: 0 },
  { features: new Map([['w:fix', 1]]), label: 1 },
  { features: new Map([['w:fix', 1], ['w:this', 1]]), label: 1 },
  { features: new Map([['w:how', 1]]), label: 2 },
];
const options = { classCount: 3, l2: 0.001, epochs: 200, learningRate: 0.5 };

describe('trainSoftmax', () => {
  it('learns a separable problem: every training example gets its own label', () => {
    const model = trainSoftmax(examples, options);
    for (const example of examples) {
      const scores = linearScores(model, example.features, 3);
      assert.equal(scores.indexOf(Math.max(...scores)), example.label);
    }
  });

  it('is deterministic: the same data gives the same weights', () => {
    assert.deepEqual(trainSoftmax(examples, options), trainSoftmax(examples, options));
  });

  it('shrinks weights harder with a larger L2 penalty', () => {
    const size = (l2: number): number => Math.abs(trainSoftmax(examples, { ...options, l2 }).weights.get('w:explain')![0]);
    assert.ok(size(0.1) < size(0.001));
  });

  it('gives a class weighted up more of the probability on an ambiguous example', () => {
    const ambiguous: Example[] = [
      { features: new Map([['w:this', 1]]), label: 0 },
      { features: new Map([['w:this', 1]]), label: 1 },
    ];
    const probabilityOfFirst = (classWeights: number[]): number => {
      const model = trainSoftmax(ambiguous, { ...options, classCount: 2, classWeights });
      return softmax(linearScores(model, new Map([['w:this', 1]]), 2))[0];
    };
    assert.ok(Math.abs(probabilityOfFirst([1, 1]) - 0.5) < 0.01);
    assert.ok(probabilityOfFirst([3, 1]) > 0.7);
  });

  it('lets an example weighted up pull an ambiguous feature its way, and one weighted 0 count for nothing', () => {
    const probabilityOfFirst = (firstWeight: number): number => {
      const ambiguous: Example[] = [
        { features: new Map([['w:this', 1]]), label: 0, weight: firstWeight },
        { features: new Map([['w:this', 1]]), label: 1 },
        { features: new Map([['w:that', 1]]), label: 0 },
      ];
      const model = trainSoftmax(ambiguous, { ...options, classCount: 2 });
      return softmax(linearScores(model, new Map([['w:this', 1]]), 2))[0];
    };
    assert.ok(probabilityOfFirst(3) > 0.7);
    assert.ok(probabilityOfFirst(0) < 0.3);
  });

  it('shrinks a feature given a larger share of the L2 penalty, and not the others', () => {
    const scaled = trainSoftmax(examples, { ...options, l2: 0.01, l2Scale: (name) => (name === 'w:this' ? 100 : 1) });
    const plain = trainSoftmax(examples, { ...options, l2: 0.01 });
    const size = (model: typeof plain, name: string): number => Math.max(...model.weights.get(name)!.map(Math.abs));
    assert.ok(size(scaled, 'w:this') < size(plain, 'w:this') / 5, `${size(scaled, 'w:this')} vs ${size(plain, 'w:this')}`);
    assert.ok(size(scaled, 'w:how') >= size(plain, 'w:how') * 0.9, `${size(scaled, 'w:how')} vs ${size(plain, 'w:how')}`);
  });

  describe('with dropout', () => {
    // "explain" is in every row of class 0; the question form in three of the four. Without
    // dropout "explain" alone learns the class and the form is left a small weight; with
    // dropout "explain" is hidden in some passes, so the form must learn to say it too.
    const redundant: Example[] = [
      ...Array.from({ length: 3 }, (): Example => ({ features: new Map([['w:explain', 1], ['form:asks', 1]]), label: 0 })),
      { features: new Map([['w:explain', 1]]), label: 0 },
      ...Array.from({ length: 4 }, (): Example => ({ features: new Map([['w:fix', 1]]), label: 1 })),
    ];
    const dropoutOptions = { classCount: 2, l2: 0.001, epochs: 300, learningRate: 0.5 };
    const formAlone = (dropout: number): number =>
      softmax(linearScores(trainSoftmax(redundant, { ...dropoutOptions, dropout }), new Map([['form:asks', 1]]), 2))[0];

    it('spreads the weight over a feature that says the same as the telling one, so it can decide without it', () => {
      assert.ok(formAlone(0.4) > formAlone(0) + 0.05, `${formAlone(0.4)} vs ${formAlone(0)}`);
    });

    it('stays deterministic: the same data gives the same weights', () => {
      assert.deepEqual(trainSoftmax(redundant, { ...dropoutOptions, dropout: 0.4 }), trainSoftmax(redundant, { ...dropoutOptions, dropout: 0.4 }));
    });
  });
});

describe('softmax', () => {
  it('turns scores into probabilities that sum to 1, stable for large scores', () => {
    const probabilities = softmax([1000, 1000, 0]);
    assert.ok(Math.abs(probabilities[0] - 0.5) < 1e-12);
    assert.ok(Math.abs(probabilities.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  });
});

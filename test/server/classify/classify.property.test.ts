import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DIFFICULTIES, KINDS, type DocumentInput, type Kind } from '../../../shared/protocol';
import { classify } from '../../../server/src/classify/classify';

// Positions as a client might send them: negative, fractional, huge, NaN, infinite.
const coordinate = fc.oneof(fc.integer({ min: -5, max: 200 }), fc.integer(), fc.double());
const position = fc.record({ line: coordinate, character: coordinate });

const text = fc.oneof(
  fc.constant(''),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.lorem({ maxCount: 60, mode: 'sentences' }),
  // Up to ~1 MB: a huge file or a pasted log must not make classify slow or throw.
  fc.tuple(fc.string({ minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 25_000 })).map(([chunk, times]) => chunk.repeat(times)),
);

const documentInput: fc.Arbitrary<DocumentInput> = fc.record(
  {
    uri: fc.string({ maxLength: 30 }),
    languageId: fc.oneof(fc.constantFrom('typescript', 'markdown', 'plaintext', 'rust', ''), fc.string({ maxLength: 12 })),
    text,
    selection: fc.record({ start: position, end: position }),
  },
  { requiredKeys: ['uri', 'languageId', 'text'] },
);

const input = fc.record(
  {
    kind: fc.constantFrom<Kind | 'bogus'>(...KINDS, 'bogus') as fc.Arbitrary<Kind>,
    prompt: fc.oneof(text, fc.constantFrom('/explain', '/expain x', '/', '/tests', ' /fix\u0000', '/\u{1F600}')),
    document: documentInput,
  },
  { requiredKeys: [] },
);

describe('classify: properties', () => {
  it('never throws and always returns a known kind and difficulty, confidence and score in [0, 1], and signals', () => {
    fc.assert(
      fc.property(input, (request) => {
        const result = classify(request);
        assert.ok(KINDS.includes(result.kind));
        assert.ok(DIFFICULTIES.includes(result.difficulty));
        assert.ok(result.kindConfidence >= 0 && result.kindConfidence <= 1);
        assert.ok(result.difficultyScore >= 0 && result.difficultyScore <= 1);
        assert.ok(result.signals.length > 0 && result.signals.every((signal) => typeof signal === 'string'));
        if (KINDS.includes(request.kind as Kind)) assert.equal(result.kind, request.kind);
      }),
      { numRuns: 300 },
    );
  });
});

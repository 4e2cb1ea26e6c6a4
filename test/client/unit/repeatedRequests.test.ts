import * as assert from 'node:assert/strict';
import { ASKED_AGAIN_WITHIN_MS, RepeatedRequests } from '../../../client/src/commands/repeatedRequests';

const DOC = {
  uri: 'file:///ws/a.ts',
  languageId: 'typescript',
  text: 'const a = 1;',
  selection: { start: { line: 0, character: 0 }, end: { line: 0, character: 12 } },
};
const EXPLAIN = { kind: 'explain' as const, document: DOC };
const ANSWER = { kind: 'explain' as const, model: 'p/cheap' };

describe('RepeatedRequests (asked again = retried)', () => {
  it('names the earlier answer when the same request comes again within the window, once', () => {
    let now = 0;
    const repeats = new RepeatedRequests(() => now);
    assert.equal(repeats.repeats(EXPLAIN), undefined);
    repeats.remember(EXPLAIN, ANSWER);
    now += 60_000;
    assert.deepEqual(repeats.repeats(EXPLAIN), ANSWER);
    assert.equal(repeats.repeats(EXPLAIN), undefined, 'counted once');
  });

  it('treats the same question about edited code as the same, but another selection, kind or prompt as new', () => {
    const repeats = new RepeatedRequests(() => 0);
    repeats.remember(EXPLAIN, ANSWER);
    assert.equal(repeats.repeats({ ...EXPLAIN, kind: 'summarize' }), undefined);
    assert.equal(repeats.repeats({ ...EXPLAIN, document: { ...DOC, selection: { ...DOC.selection, end: { line: 0, character: 5 } } } }), undefined);
    assert.equal(repeats.repeats({ ...EXPLAIN, prompt: 'in one line' }), undefined);
    assert.deepEqual(repeats.repeats({ ...EXPLAIN, document: { ...DOC, text: 'const a = 2;' } }), ANSWER);
  });

  it('does not count a request asked again after the window: a new need, not a complaint', () => {
    let now = 0;
    const repeats = new RepeatedRequests(() => now);
    repeats.remember({ kind: undefined, prompt: 'what is a monad?' }, { kind: 'ask', model: 'p/cheap' });
    now += ASKED_AGAIN_WITHIN_MS + 1;
    assert.equal(repeats.repeats({ kind: undefined, prompt: ' what is a monad? ' }), undefined);
  });
});

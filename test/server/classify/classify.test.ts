import assert from 'node:assert/strict';
import { KINDS, type DocumentInput, type Kind } from '../../../shared/protocol';
import { classify } from '../../../server/src/classify/classify';
import { codeDocument } from './helpers';

describe('classify: kind', () => {
  for (const kind of KINDS) {
    it(`keeps a given kind (${kind}) with confidence 1, even when the wording says otherwise`, () => {
      const result = classify({ kind, prompt: '/explain what this code does', document: codeDocument(5, [0, 3]) });
      assert.equal(result.kind, kind);
      assert.equal(result.kindConfidence, 1);
      assert.equal(result.kindSource, 'given');
    });
  }

  it('ignores a given kind that is not in the protocol and classifies the request instead', () => {
    const result = classify({ kind: 'bogus' as Kind, prompt: '/explain' });
    assert.equal(result.kindSource, 'classifier');
    assert.equal(result.kind, 'explain');
  });

  const commands: Array<[string, Kind]> = [
    ['/explain', 'explain'],
    ['/fix the null check', 'refactor'],
    ['/tests using jest', 'completion'],
    ['/doc', 'summarize'],
    ['/new a react app', 'completion'],
    ['/help', 'ask'],
  ];
  for (const [prompt, kind] of commands) {
    it(`reads the slash command in "${prompt}" as ${kind}`, () => {
      const result = classify({ prompt, document: codeDocument(10, [2, 6]) });
      assert.equal(result.kind, kind);
      assert.ok(result.kindConfidence >= 0.9);
      assert.ok(result.signals.some((signal) => signal.startsWith('command:')));
    });
  }

  it('forgives a one-letter typo in a slash command, with less confidence', () => {
    const result = classify({ prompt: '/expain this' });
    assert.equal(result.kind, 'explain');
    assert.ok(result.kindConfidence < 0.9);
    assert.ok(result.signals.includes("command: '/expain' read as '/explain' (kind explain)"));
  });

  it('completes code when there is no prompt and only a cursor in a document', () => {
    const result = classify({ document: codeDocument(30) });
    assert.equal(result.kind, 'completion');
    assert.equal(result.kindSource, 'classifier');
  });

  it('treats an empty selection (start = end) with no prompt as a cursor: completion', () => {
    const result = classify({ prompt: '   ', document: codeDocument(30, [4, 4]) });
    assert.equal(result.kind, 'completion');
  });

  it('explains a selection sent with no prompt', () => {
    const result = classify({ document: codeDocument(30, [4, 12]) });
    assert.equal(result.kind, 'explain');
  });

  it('treats a malformed document (text not a string) as no document instead of throwing', () => {
    const document = { uri: 'file:///x', languageId: 'ts', text: null } as unknown as DocumentInput;
    const result = classify({ prompt: 42 as unknown as string, document });
    assert.equal(result.kind, 'ask');
  });

  it('answers a request with neither prompt nor document as a question, with low confidence', () => {
    const result = classify({});
    assert.equal(result.kind, 'ask');
    assert.ok(result.kindConfidence < 0.5);
  });

  const wordings: Array<[string, boolean, Kind]> = [
    ['explain how this loop works', true, 'explain'],
    ['fix the bug in this function', true, 'refactor'],
    ['write unit tests for this class', true, 'completion'],
    ['add docstrings to these methods', true, 'summarize'],
    ['What pull requests are assigned to me?', false, 'ask'],
    ['How do I change the theme in VS Code?', false, 'ask'],
    // Orders without a question: a change aimed at the selection, a project described
    // by its noun alone, and an order after a sentence of context.
    ['turn this into a for loop', true, 'refactor'],
    ['spring boot rest api for a todo list', false, 'completion'],
    ['the login page crashes on submit. fix it', false, 'refactor'],
  ];
  for (const [prompt, selected, kind] of wordings) {
    it(`classifies "${prompt}"${selected ? ' over a selection' : ''} as ${kind}`, () => {
      const result = classify({ prompt, document: selected ? codeDocument(20, [3, 9]) : undefined });
      assert.equal(result.kind, kind);
      assert.equal(result.kindSource, 'classifier');
      assert.ok(result.kindConfidence > 0.2 && result.kindConfidence <= 1);
    });
  }
});

describe('classify: signals', () => {
  it("names the deciding word, the model's probability and the chat context", () => {
    const result = classify({ prompt: 'explain this code', document: codeDocument(42, [0, 42]) });
    const wording = /^wording: 'explain' \(kind explain, p=0\.\d\d\)$/;
    assert.ok(result.signals.some((signal) => wording.test(signal)), result.signals.join('\n'));
    assert.ok(result.signals.includes('context: chat about a selection'));
  });

  it('describes the selection size in lines and tokens, with its language', () => {
    const result = classify({ prompt: 'explain this code', document: codeDocument(42, [0, 42]) });
    const size = /^selection: 42 lines, ~?\d+ tokens of typescript \(\+\d\.\d\d\)$/;
    assert.ok(result.signals.some((signal) => size.test(signal)), result.signals.join('\n'));
  });

  it('lists every difficulty term that moved the score', () => {
    const document = codeDocument(5, [0, 5], 'markdown');
    const result = classify({ kind: 'refactor', prompt: 'optimize this for security', document });
    const terms = ['kind refactor: base difficulty 0.35', 'wording: performance (+0.15)', 'wording: security (+0.20)', 'language: markdown (-0.10)'];
    for (const expected of terms) {
      assert.ok(result.signals.includes(expected), `missing "${expected}" in\n${result.signals.join('\n')}`);
    }
  });
});

describe('classify: difficulty', () => {
  it('rates a one-line completion easier than refactoring a 400-line selection that mentions concurrency', () => {
    const oneLine = classify({ document: codeDocument(1) });
    const bigRefactor = classify({
      prompt: 'refactor this module to remove the race condition between the workers',
      document: codeDocument(400, [0, 400]),
    });
    assert.equal(bigRefactor.kind, 'refactor');
    assert.ok(oneLine.difficultyScore < bigRefactor.difficultyScore);
    assert.equal(oneLine.difficulty, 'easy');
    assert.equal(bigRefactor.difficulty, 'hard');
  });

  it('puts a cursor completion in easy, a design question in medium and a large lock-free design refactor in hard', () => {
    const cases: Array<[Parameters<typeof classify>[0], string]> = [
      [{ document: codeDocument(1) }, 'easy'],
      [{ kind: 'ask', prompt: 'how should I design the cache layer?' }, 'medium'],
      [{ kind: 'refactor', prompt: 'design a lock-free queue', document: codeDocument(200, [0, 200]) }, 'hard'],
    ];
    for (const [input, expected] of cases) {
      const { difficulty, difficultyScore } = classify(input);
      assert.equal(difficulty, expected, `score ${difficultyScore} for ${JSON.stringify(input.prompt)}`);
    }
  });
});

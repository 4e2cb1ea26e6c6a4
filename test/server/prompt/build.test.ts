import assert from 'node:assert/strict';
import { buildPrompt, capOutput, conversationPrompt, lastUserText } from '../../../server/src/prompt/build';

const doc = (text: string, sl: number, sc: number, el: number, ec: number) => ({
  uri: 'file:///a.py',
  languageId: 'python',
  text,
  selection: { start: { line: sl, character: sc }, end: { line: el, character: ec } },
});

describe('buildPrompt', () => {
  it('puts the selection in a fenced block with the instruction for a refactor', () => {
    const p = buildPrompt('refactor', 'use a loop', doc('x = 1\ny = 2\n', 0, 0, 1, 5));
    assert.equal(p.messages[0].role, 'system');
    assert.match(String(p.messages[1].content), /```python\nx = 1\ny = 2\n```/);
    assert.match(String(p.messages[1].content), /Instruction: use a loop/);
  });

  it('uses the whole file when nothing is selected', () => {
    const p = buildPrompt('summarize', undefined, doc('print(1)\n', 0, 0, 0, 0));
    assert.match(String(p.messages[1].content), /Whole file:/);
  });

  it('gives a completion the code before and after the cursor and a small output budget', () => {
    const p = buildPrompt('completion', undefined, doc('def f():\n    \nprint(f())', 1, 4, 1, 4));
    assert.match(String(p.messages[1].content), /before the cursor:\n```python\ndef f\(\):\n    \n```/);
    assert.match(String(p.messages[1].content), /after the cursor:\n```python\n\nprint\(f\(\)\)\n```/);
    assert.ok(p.maxOutputTokens <= 256);
  });

  it('gives a completion asked for in words a fenced reply and room for a whole function, not the few lines at the cursor', () => {
    const atCursor = buildPrompt('completion', undefined, doc('def f():\n    \n', 1, 4, 1, 4));
    const inWords = buildPrompt('completion', 'implement an LRU cache', doc('def f():\n    \n', 1, 4, 1, 4));
    assert.match(String(atCursor.messages[0].content), /no Markdown fences/, 'inserted at the cursor: bare code');
    assert.match(String(inWords.messages[0].content), /one fenced Markdown block/, 'shown to the user: code as Markdown shows it');
    assert.match(String(inWords.messages[1].content), /Instruction: implement an LRU cache/);
    assert.ok(inWords.maxOutputTokens >= 2000 && inWords.expectedOutputTokens > atCursor.expectedOutputTokens);
    assert.ok(buildPrompt('completion', 'regex for uk postcodes', undefined).maxOutputTokens >= 2000, 'also with no file open');
    const conversation = conversationPrompt('completion', [{ role: 'user', content: 'write a debounce function' }]);
    assert.equal(conversation.expectedOutputTokens, inWords.expectedOutputTokens, 'a conversation always says what it wants');
  });

  it('expects a refactor reply about as long as the code it rewrites', () => {
    const small = buildPrompt('refactor', 'x', doc('a = 1\n', 0, 0, 0, 5));
    const big = buildPrompt('refactor', 'x', doc('a = 1\n'.repeat(500), 0, 0, 499, 5));
    assert.ok(big.expectedOutputTokens > small.expectedOutputTokens * 10);
  });

  it('estimates more input tokens for a longer prompt', () => {
    assert.ok(buildPrompt('ask', 'word '.repeat(200), undefined).inputTokens > buildPrompt('ask', 'hi', undefined).inputTokens);
  });

  it('sends a conversation verbatim, counting every message', () => {
    const messages = [
      { role: 'system' as const, content: 'be brief' },
      { role: 'user' as const, content: 'first question' },
      { role: 'assistant' as const, content: 'an answer' },
      { role: 'user' as const, content: 'second question' },
    ];
    const p = conversationPrompt('ask', messages);
    assert.deepEqual(p.messages, messages);
    assert.ok(p.inputTokens > conversationPrompt('ask', messages.slice(3)).inputTokens);
    assert.equal(p.maxOutputTokens, Number.MAX_SAFE_INTEGER, "no cap of ours: the model's own applies");
    assert.equal(lastUserText(messages), 'second question');
  });

  it('estimates a 10,000-message conversation in time of the order of parsing its JSON, not of counting every token', () => {
    // A linear-time peer measured in the same run, not a wall-clock limit: counting every
    // message's tokens exactly took ~100 times as long as JSON.parse of the same 4 MB.
    const messages = Array.from({ length: 10_000 }, (_, i) => ({
      role: i % 2 === 0 ? ('user' as const) : ('assistant' as const),
      content: `message ${i}: explain what the loop over item.price does `.repeat(8),
    }));
    const json = JSON.stringify(messages);
    const best = (run: () => void) => {
      let fastest = Infinity;
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        run();
        fastest = Math.min(fastest, performance.now() - started);
      }
      return fastest;
    };
    const parseMs = best(() => JSON.parse(json));
    const estimateMs = best(() => conversationPrompt('ask', messages));
    assert.ok(estimateMs < parseMs * 10, `estimating took ${estimateMs.toFixed(1)} ms, parsing ${parseMs.toFixed(1)} ms`);
    assert.ok(conversationPrompt('ask', messages).inputTokens > 10_000 * 8 * 10);
  });

  it("lets a caller's max tokens replace the cap and bound the estimate", () => {
    const p = capOutput(buildPrompt('ask', 'hi', undefined), 20);
    assert.equal(p.maxOutputTokens, 20);
    assert.equal(p.expectedOutputTokens, 20);
    assert.equal(capOutput(buildPrompt('ask', 'hi', undefined), undefined).maxOutputTokens, 2000);
  });
});

import assert from 'node:assert/strict';
import { answerFooter, plainReason, strongerModel, whyDetails } from '../../../../client/src/chat/answerFooter';
import type { AnswerRecord } from '../../../../client/src/chat/answerRecord';
import { kindOf, questionOf } from '../../../../client/src/chat/chatCommands';
import { fenced } from '../../../../client/src/chat/fence';

const REASONS = [
  'kind explain (given)',
  'difficulty easy (0.12): short selection',
  'strategy balanced: the cheapest of 2/3 models with quality >= 0.45',
  'chose local/tiny: ~$0.000061, quality 0.75 (settings)',
];
const record: AnswerRecord = {
  question: 'Explain this code (a.ts:2-4).', answer: 'It adds.', request: { kind: 'explain' },
  model: 'local/tiny', costUsd: 0.0012, reasons: REASONS, attempts: [{ model: 'local/tiny', ok: true }],
};

describe('@router answer line and details', () => {
  it('shows the model, the cost and one plain reason', () => {
    assert.equal(answerFooter(record), '`local/tiny` · $0.0012 · easy request, the cheapest of 2/3 models with quality >= 0.45');
  });

  it('says a retried answer came from a stronger model the user asked for', () => {
    assert.equal(answerFooter({ ...record, retried: true, model: 'local/big' }), '`local/big` · $0.0012 · a stronger model, as you asked');
  });

  it('never shows an unknown price as $0, nor an estimate as a bill', () => {
    assert.match(answerFooter({ ...record, priceUnknown: true }), /unknown \(no price set\)/);
    assert.match(answerFooter({ ...record, estimated: true }), /≈\$0\.0012 \(estimated\)/);
  });

  it('names a fallback, a pinned or a requested model before the policy', () => {
    assert.equal(plainReason([...REASONS, 'fell back to local/big after local/tiny: 500 server error']), 'fell back to local/big after the first choice failed');
    assert.equal(plainReason([...REASONS, 'rule: claude/x is pinned for this kind']), 'claude/x is pinned for this kind');
    assert.equal(plainReason([...REASONS, 'model local/big requested by the caller']), 'the model you asked for');
  });

  it('lists every reason, and the attempts when one failed, on request', () => {
    const details = whyDetails({ ...record, attempts: [{ model: 'local/tiny', ok: false, error: '500 server error' }, { model: 'local/big', ok: true }] });
    for (const reason of REASONS) assert.ok(details.includes(`- ${reason}`), reason);
    assert.match(details, /`local\/tiny`: failed \(500 server error\)/);
    assert.match(details, /Cost: \$0\.0012\./);
  });
});

describe('@router retry with a stronger model', () => {
  const candidates = [
    { model: 'local/tiny', quality: 0.75, estimatedCostUsd: 0.0001 },
    { model: 'claude/fake', quality: 0.85, estimatedCostUsd: 0.0005, unavailable: 'no API key' },
    { model: 'local/big', quality: 0.95, estimatedCostUsd: 0.0015 },
    { model: 'local/mid', quality: 0.8, estimatedCostUsd: 0.0004 },
  ];

  it('picks the strongest other model that can be called now', () => {
    assert.equal(strongerModel(candidates, 'local/tiny')?.model, 'local/big');
  });

  it('finds none when the answer came from the strongest', () => {
    assert.equal(strongerModel(candidates, 'local/big'), undefined);
  });
});

describe('@router commands', () => {
  it('reads /explain, /refactor and /summarize as their kinds and a plain message as a question', () => {
    assert.equal(kindOf('explain'), 'explain');
    assert.equal(kindOf('refactor'), 'refactor');
    assert.equal(kindOf('summarize'), 'summarize');
    assert.equal(kindOf(undefined), 'ask');
    assert.equal(kindOf('unknown'), 'ask');
  });

  it('words the user\'s turn for the history with what it was about', () => {
    assert.equal(questionOf('ask', 'Why?', 'a.ts:3'), 'Why? (a.ts:3)');
    assert.equal(questionOf('explain', '', 'a.ts:2-4'), 'Explain this code (a.ts:2-4).');
    assert.equal(questionOf('refactor', 'use a loop', 'a.ts'), 'Refactor this code (a.ts): use a loop');
  });

  it('fences code with more backticks than it holds', () => {
    assert.equal(fenced('const a = 1;\n', 'ts'), '```ts\nconst a = 1;\n```');
    assert.equal(fenced('x = ```y```', 'md'), '````md\nx = ```y```\n````');
  });
});

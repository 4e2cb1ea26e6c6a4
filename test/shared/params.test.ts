import assert from 'node:assert/strict';
import { executeParamsSchema, isPlainExecuteParams } from '../../shared/params';

/** The object without its undefined-valued keys, as a caller reads it. */
const defined = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(defined)
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, defined(v)]))
      : value;

describe('isPlainExecuteParams (the gateway skipping the schema’s second pass)', () => {
  const plain = {
    workspaceId: 'gateway',
    kind: undefined,
    model: 'up/m',
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'In one short sentence: what is the answer to everything?' },
    ],
    maxTokens: undefined,
    temperature: undefined,
    client: 'curl',
  };

  // Each a change to `plain`: at, just past and far past every limit the hand check repeats.
  const changes: Record<string, unknown>[] = [
    {}, { kind: 'explain' }, { kind: 'poem' }, { model: undefined }, { model: 'auto' }, { model: 'has space' }, { model: 'a/' },
    { model: `p/${'m'.repeat(510)}` }, { model: `p/${'m'.repeat(511)}` }, { model: 7 },
    { workspaceId: '' }, { workspaceId: 'w'.repeat(512) }, { workspaceId: 'w'.repeat(513) }, { workspaceId: undefined },
    { maxTokens: 1 }, { maxTokens: 0 }, { maxTokens: 1.5 }, { maxTokens: 10_000_000 }, { maxTokens: 10_000_001 }, { maxTokens: Infinity }, { maxTokens: '5' },
    { temperature: 0 }, { temperature: 2 }, { temperature: 2.01 }, { temperature: -0.1 }, { temperature: NaN }, { temperature: '1' },
    { client: '' }, { client: 'c'.repeat(256) }, { client: 'c'.repeat(257) },
    { messages: [] }, { messages: 'hi' }, { messages: [{ role: 'user', content: '   ' }] },
    { messages: [{ role: 'assistant', content: 'only me' }] }, { messages: [{ role: 'user', content: '' }, { role: 'user', content: 'x' }] },
    { messages: [{ role: 'tool', content: 'x', toolCallId: 'c1' }, { role: 'user', content: 'x' }] },
    { messages: [{ role: 'user', content: [{ type: 'text', text: 'parts' }] }] },
    { messages: [{ role: 'user', content: 'x', extra: 1 }] }, { messages: [{ role: 'user', content: 'x', isError: true }] },
    { messages: [{ role: 'user', content: 'x'.repeat(4_000_000) }] }, { messages: [{ role: 'user', content: 'x'.repeat(4_000_001) }] },
    { messages: [null] }, { messages: Array.from({ length: 10_001 }, () => ({ role: 'user', content: 'x' })) },
    { tools: [{ name: 't', parameters: {} }] }, { options: { seed: 1 } }, { prompt: 'also' }, { partialResultToken: 1 }, { developer: 'd' },
  ];

  it('takes by hand only what the schema accepts, and returns it as the schema would', () => {
    let byHand = 0;
    for (const change of changes) {
      const params = { ...plain, ...change };
      if (!isPlainExecuteParams(params)) continue;
      byHand++;
      const parsed = executeParamsSchema.safeParse(params);
      assert.ok(parsed.success, `the schema refuses what the hand check took: ${JSON.stringify(change).slice(0, 80)}`);
      assert.deepEqual(defined(parsed.data), defined(params), JSON.stringify(change).slice(0, 80));
    }
    assert.ok(byHand >= 10, `only ${byHand} variants were plain: the check no longer takes the common shape`);
  });

  it('takes a gateway chat request of text turns, and leaves tools, parts, tool turns and faults to the schema', () => {
    assert.equal(isPlainExecuteParams(plain), true);
    for (const change of [{ tools: [{ name: 't', parameters: {} }] }, { messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }] },
      { messages: [{ role: 'user', content: '  ' }] }, { temperature: 3 }, { developer: 'd' }]) {
      assert.equal(isPlainExecuteParams({ ...plain, ...change }), false, JSON.stringify(change));
    }
  });
});

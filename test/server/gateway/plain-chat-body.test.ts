// The hand check of plain chat bodies against chatRequestSchema: whatever it accepts, the
// schema accepts too and reads unchanged, over every combination of edge values of the
// fields it knows; and the usual bodies (the ones it exists for) are accepted.
import assert from 'node:assert/strict';
import { chatRequestSchema } from '../../../server/src/gateway/chat-request';
import { isPlainChatBody } from '../../../server/src/gateway/plain-chat-body';

const SCHEMA_FIELDS = new Set(Object.keys(chatRequestSchema.shape));
const MESSAGES = [{ role: 'user', content: 'hi' }];

/** Edge values per field, valid and not; `undefined` leaves the field out. */
const VALUES: Record<string, unknown[]> = {
  model: ['auto', 'p/m', '', 'x'.repeat(512), 'x'.repeat(513), 7, null, undefined],
  stream: [true, false, null, undefined, 'true', 1],
  stream_options: [{ include_usage: true }, { include_usage: null }, {}, null, undefined, { include_usage: 'yes' }, [], 'x'],
  max_tokens: [1, 64, 0, -1, 1.5, 2 ** 53, null, undefined, '64'],
  temperature: [0, 0.2, 2, 2.01, -0.1, null, undefined, '1'],
  user: ['u', 'x'.repeat(512), 'x'.repeat(513), null, undefined, 3],
};

function* combinations(fields: string[], body: Record<string, unknown> = { messages: MESSAGES }): Generator<Record<string, unknown>> {
  if (fields.length === 0) {
    yield body;
    return;
  }
  const [field, ...rest] = fields;
  for (const value of VALUES[field]) yield* combinations(rest, value === undefined ? body : { ...body, [field]: value });
}

function heldToSchema(body: unknown): void {
  if (!isPlainChatBody(body, SCHEMA_FIELDS)) return;
  const parsed = chatRequestSchema.safeParse(body);
  assert.ok(parsed.success, `accepted by hand, refused by the schema: ${JSON.stringify(body)}`);
  assert.deepEqual(parsed.data, body);
}

describe('plain chat body check', () => {
  it('accepts only what chatRequestSchema accepts, read unchanged, over every combination of edge values', () => {
    let accepted = 0;
    let total = 0;
    for (const body of combinations(Object.keys(VALUES))) {
      total++;
      heldToSchema(body);
      if (isPlainChatBody(body, SCHEMA_FIELDS)) accepted++;
    }
    assert.ok(accepted > 0 && accepted < total, `${accepted} of ${total} accepted`);
  });

  it('holds max_completion_tokens and fields the schema does not name to the schema as well', () => {
    for (const value of VALUES.max_tokens) heldToSchema({ model: 'auto', messages: MESSAGES, max_completion_tokens: value });
    heldToSchema({ model: 'auto', messages: MESSAGES, metadata: { a: 1 }, store: false });
    heldToSchema({ model: 'auto' });
  });

  it('accepts the usual bodies, JSON and streamed, with fields the schema does not name', () => {
    assert.ok(isPlainChatBody({ model: 'auto', messages: MESSAGES }, SCHEMA_FIELDS));
    assert.ok(isPlainChatBody({ model: 'p/m', messages: MESSAGES, stream: true, stream_options: { include_usage: true }, max_tokens: 256, temperature: 0.7, store: false }, SCHEMA_FIELDS));
  });

  it('leaves a body with any other of the schema’s fields to the schema', () => {
    for (const field of SCHEMA_FIELDS) {
      if (['model', 'messages', 'stream', 'stream_options', 'max_tokens', 'max_completion_tokens', 'temperature', 'user'].includes(field)) continue;
      assert.equal(isPlainChatBody({ model: 'auto', messages: MESSAGES, [field]: null }, SCHEMA_FIELDS), false, field);
    }
  });
});

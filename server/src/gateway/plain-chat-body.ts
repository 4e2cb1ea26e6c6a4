// The usual chat completions body (a model, the messages, and at most stream, its usage
// option, a token limit, a temperature and a user) checked by hand, so that most requests
// skip the zod pass over chatRequestSchema (~2% of the gateway's CPU under load). It only
// accepts: a body it does not vouch for goes through the schema, which names the fault. A
// test holds it to the schema (anything it accepts, the schema accepts unchanged).

/** The schema's fields this check knows; another of the schema's fields sends the body to zod. */
const PLAIN_FIELDS = new Set(['model', 'messages', 'stream', 'stream_options', 'max_tokens', 'max_completion_tokens', 'temperature', 'user']);

const isNullish = (v: unknown) => v === undefined || v === null;
const optionalBoolean = (v: unknown) => isNullish(v) || typeof v === 'boolean';
const optionalPositiveInt = (v: unknown) => isNullish(v) || (Number.isSafeInteger(v) && (v as number) > 0);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True when `body` is a plain chat body as chatRequestSchema would accept it. `schemaFields`: the schema's own field names. */
export function isPlainChatBody(body: unknown, schemaFields: ReadonlySet<string>): boolean {
  if (!isObject(body)) return false;
  for (const key in body) {
    // Fields the schema does not name pass through as they do in zod's loose object.
    if (schemaFields.has(key) && !PLAIN_FIELDS.has(key)) return false;
  }
  const { model, stream_options: streamOptions, temperature, user } = body;
  if (typeof model !== 'string' || model.length < 1 || model.length > 512) return false;
  // The schema takes any messages (toConversation reads them), but not none.
  if (body.messages === undefined) return false;
  if (!optionalBoolean(body.stream)) return false;
  if (!isNullish(streamOptions) && !(isObject(streamOptions) && optionalBoolean(streamOptions.include_usage))) return false;
  if (!optionalPositiveInt(body.max_tokens) || !optionalPositiveInt(body.max_completion_tokens)) return false;
  if (!isNullish(temperature) && !(typeof temperature === 'number' && temperature >= 0 && temperature <= 2)) return false;
  return isNullish(user) || (typeof user === 'string' && user.length <= 512);
}

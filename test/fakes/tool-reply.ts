// Which tool calls (or JSON answer) a fake makes: the scripted ones, or those the request
// forces (a named tool_choice, `required`/`any`), as a real model must honour them. The
// arguments of an unscripted call are the smallest value its tool's schema accepts.
import type { Behaviour, ScriptedToolCall } from './behaviours';
import type { FakeToolCall } from './reply';
import type { ParsedRequest, Wire } from './wire';

/** The text of arguments that are not valid JSON: a call cut off mid-object. */
export const INVALID_ARGUMENTS = '{"path": "src/ma';

/** The calls the reply makes, or undefined for a text answer. */
export function plannedToolCalls(request: ParsedRequest, behaviour: Behaviour | undefined, wire: Wire): FakeToolCall[] | undefined {
  let calls: FakeToolCall[] | undefined;
  if (behaviour?.kind === 'tool-calls') {
    calls = behaviour.calls.map((call) => scripted(call, request, wire));
  } else if (behaviour?.kind === 'invalid-tool-arguments') {
    const name = behaviour.name ?? request.tools[0]?.name ?? 'read_file';
    calls = [{ id: wire.toolCallId(), name, arguments: INVALID_ARGUMENTS }];
  } else if (request.toolChoice === 'required' || typeof request.toolChoice === 'object') {
    const name = typeof request.toolChoice === 'object' ? request.toolChoice.name : request.tools[0].name;
    calls = [scripted({ name }, request, wire)];
  }
  if (!calls || request.toolChoice === 'none') return undefined;
  return request.parallelToolCalls ? calls : calls.slice(0, 1);
}

function scripted(call: ScriptedToolCall, request: ParsedRequest, wire: Wire): FakeToolCall {
  const schema = request.tools.find((t) => t.name === call.name)?.schema;
  const args = call.arguments ?? sampleOf(schema ?? { type: 'object' });
  return { id: call.id ?? wire.toolCallId(), name: call.name, arguments: typeof args === 'string' ? args : JSON.stringify(args) };
}

/** The JSON text of the answer to a request for JSON output (OpenAI response_format). */
export function jsonAnswer(json: NonNullable<ParsedRequest['json']>, echo: string): string {
  return JSON.stringify(json.schema ? sampleOf(json.schema) : { answer: echo });
}

/** The smallest value a JSON Schema accepts: required properties only, strings "fake", numbers their minimum or 1. */
export function sampleOf(schema: Record<string, any>): unknown {
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if ('const' in schema) return schema.const;
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      const properties = (schema.properties ?? {}) as Record<string, Record<string, any>>;
      for (const name of (schema.required ?? []) as string[]) value[name] = sampleOf(properties[name] ?? {});
      return value;
    }
    case 'array':
      return [];
    case 'string':
      return 'fake';
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return schema.properties ? sampleOf({ ...schema, type: 'object' }) : 'fake';
  }
}

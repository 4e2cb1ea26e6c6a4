// Checks of tools and tool turns that both faces make before any provider call, each
// naming the field in the caller's own terms: a bad schema or a dangling tool result
// would otherwise fail at the provider (once per fallback model) with a vaguer message.
import type { ToolChoice } from '../../../shared/conversation';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../../shared/json-depth';
import { TOOL_NAME } from '../../../shared/params';
import { invalidRequest } from './http-error';

/** A tool's argument schema: a JSON object schema; one without a `type` is taken as one. */
export function objectSchema(schema: unknown, param: string): Record<string, unknown> {
  if (schema === undefined || schema === null) return { type: 'object', properties: {} };
  if (typeof schema !== 'object' || Array.isArray(schema)) {
    throw invalidRequest(`Invalid '${param}': expected a JSON Schema object`, param, 'invalid_tool_schema');
  }
  checkDepth(schema, param, 'invalid_tool_schema');
  const record = schema as Record<string, unknown>;
  if (record.type === undefined) return { type: 'object', ...record };
  if (record.type !== 'object') {
    throw invalidRequest(`Invalid '${param}.type': a tool's arguments must be an object schema ("type": "object")`, `${param}.type`, 'invalid_tool_schema');
  }
  return record;
}

export function checkToolName(name: string, param: string): void {
  if (!TOOL_NAME.test(name)) {
    throw invalidRequest(`Invalid '${param}': a tool name has 1-128 letters, digits, "_" or "-"`, param, 'invalid_tool_name');
  }
}

/** Names seen once each: two tools of one name could not be told apart in a call. */
export function checkUniqueNames(names: readonly string[], param: (index: number) => string): void {
  const seen = new Set<string>();
  names.forEach((name, index) => {
    if (seen.has(name)) throw invalidRequest(`Invalid '${param(index)}': a second tool named "${name}"`, param(index), 'duplicate_tool_name');
    seen.add(name);
  });
}

/** A forced tool must be one of the request's tools. */
export function checkChosenTool(name: string, tools: readonly { name: string }[], param: string): void {
  if (!tools.some((t) => t.name === name)) {
    throw invalidRequest(`Invalid '${param}': no tool named "${name}" in the request's tools`, param, 'unknown_tool');
  }
}

/**
 * An OpenAI-style `tool_choice` (chat completions, Responses API) as the router takes it:
 * "auto" or "none" with no tools asks for nothing; anything else needs a tool to call, and a
 * forced tool (`forced`: its name, read from the face's own shape) must be one of them.
 */
export function openAiToolChoice(
  choice: 'auto' | 'none' | 'required' | object | null | undefined,
  forced: string | undefined,
  tools: readonly { name: string }[] | undefined,
  namePath: string,
): ToolChoice | undefined {
  if (choice === null || choice === undefined) return undefined;
  if (!tools) {
    if (choice === 'auto' || choice === 'none') return undefined;
    throw invalidRequest(`Invalid 'tool_choice': a tool call was required but the request has no 'tools'`, 'tool_choice', 'invalid_value');
  }
  if (typeof choice === 'string') return choice;
  checkChosenTool(forced ?? '', tools, namePath);
  return { name: forced ?? '' };
}

/** A call's arguments as the model wrote them: a JSON object (empty text stands for `{}`). */
export function checkArguments(args: string, param: string): void {
  let value: unknown;
  try {
    value = JSON.parse(args === '' ? '{}' : args);
  } catch {
    throw invalidRequest(`Invalid '${param}': the arguments are not JSON`, param, 'invalid_tool_arguments');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidRequest(`Invalid '${param}': the arguments must be a JSON object`, param, 'invalid_tool_arguments');
  }
  checkDepth(value, param, 'invalid_tool_arguments');
}

/** A value passed on to providers as it is, which serialising could not take past this depth. */
export function checkDepth(value: unknown, param: string, code: string): void {
  if (nestsDeeperThan(value)) throw invalidRequest(`Invalid '${param}': nested more than ${MAX_JSON_DEPTH} levels deep`, param, code);
}

/** The tool calls made so far in a conversation, so each tool result can be matched to one. */
export class ToolCallIds {
  private readonly ids = new Set<string>();

  add(id: string): void {
    this.ids.add(id);
  }

  /** Throws a 400 naming `param` when no earlier assistant turn made call `id`. */
  requireEarlier(id: string, param: string): void {
    if (!this.ids.has(id)) {
      throw invalidRequest(`Invalid '${param}': no earlier assistant message made a tool call with id "${id}"`, param, 'unknown_tool_call_id');
    }
  }
}

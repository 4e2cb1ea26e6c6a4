// JSON output the way Anthropic documents it for the Messages API: one tool whose
// input_schema is the wanted schema, forced with tool_choice, and its input read back
// as the answer. The model must fill the tool's input, so the answer is JSON of that shape.
import type { Tool, ToolChoiceTool } from '@anthropic-ai/sdk/resources/messages';
import type { ResponseFormat, ToolDefinition } from '../../../../shared/conversation';
import { MalformedResponseError, UnmappableRequestError } from '../common/sdk-failure';

/** The tool's name when the caller's schema name is not a valid tool name (or there is none). */
const DEFAULT_NAME = 'json_answer';
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

export interface JsonAnswerTool {
  tool: Tool;
  choice: ToolChoiceTool;
}

/** The forced tool for a JSON response format, or undefined for text answers. */
export function jsonAnswerTool(format: ResponseFormat | undefined, tools: ToolDefinition[] | undefined): JsonAnswerTool | undefined {
  if (!format || format.type === 'text') return undefined;
  // The forced answer tool would leave the caller's own tools uncallable.
  if (tools?.length) {
    throw new UnmappableRequestError('options.responseFormat: Anthropic gives JSON output through a forced tool, which cannot go with the request\'s own tools');
  }
  if (format.type === 'json_object') {
    const tool: Tool = { name: DEFAULT_NAME, description: 'Give the answer as a JSON object.', input_schema: { type: 'object' } };
    return { tool, choice: { type: 'tool', name: tool.name } };
  }
  if (format.schema.type !== 'object') {
    throw new UnmappableRequestError('options.responseFormat.schema: Anthropic takes JSON output as a tool input, which must be an object schema');
  }
  const name = TOOL_NAME.test(format.name) ? format.name : DEFAULT_NAME;
  const tool: Tool = {
    name,
    description: format.description ?? 'Give the answer in this shape.',
    input_schema: format.schema as Tool.InputSchema,
    ...(format.strict === undefined ? {} : { strict: format.strict }),
  };
  return { tool, choice: { type: 'tool', name } };
}

/** The forced tool's input as the answer text: it must be the JSON object asked for. */
export function jsonAnswerText(json: string): string {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return json;
  } catch {
    // reported below
  }
  throw new MalformedResponseError('the JSON answer is not a JSON object');
}

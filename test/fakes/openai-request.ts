// Reads a chat.completions request as OpenAI does, refusing with its 400 messages what
// OpenAI refuses: unknown fields, tool results that answer no call, calls left unanswered.
import type { FakeMessage } from './reply';
import { isImageUrl, isObject, isToolName, unknownField, type FakeTool, type ParsedRequest } from './wire';

const KNOWN_FIELDS = new Set([
  'messages', 'model', 'audio', 'frequency_penalty', 'function_call', 'functions', 'logit_bias', 'logprobs',
  'max_completion_tokens', 'max_tokens', 'metadata', 'modalities', 'moderation', 'n', 'parallel_tool_calls',
  'prediction', 'presence_penalty', 'prompt_cache_key', 'prompt_cache_options', 'prompt_cache_retention',
  'reasoning_effort', 'response_format', 'safety_identifier', 'seed', 'service_tier', 'stop', 'store', 'stream',
  'stream_options', 'temperature', 'tool_choice', 'tools', 'top_logprobs', 'top_p', 'user', 'verbosity', 'web_search_options',
]);
const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool']);

export function parseOpenAIRequest(body: unknown): ParsedRequest | string {
  if (!isObject(body) || typeof body.model !== 'string') return 'model: required';
  const extra = unknownField(body, KNOWN_FIELDS);
  if (extra) return `Unrecognized request argument supplied: ${extra}`;
  const messages = parseMessages(body.messages);
  if (typeof messages === 'string') return messages;
  const tools = parseTools(body.tools);
  if (typeof tools === 'string') return tools;
  const toolChoice = parseToolChoice(body.tool_choice, tools);
  if (typeof toolChoice === 'string' && !['auto', 'none', 'required'].includes(toolChoice)) return toolChoice;
  if (body.parallel_tool_calls !== undefined && tools.length === 0) {
    return "Invalid value for 'parallel_tool_calls': 'parallel_tool_calls' is only allowed when 'tools' are specified.";
  }
  const stop = body.stop === undefined || body.stop === null ? [] : typeof body.stop === 'string' ? [body.stop] : body.stop;
  if (!Array.isArray(stop) || stop.length > 4 || !stop.every((s) => typeof s === 'string')) {
    return "Invalid 'stop': expected a string or an array of at most 4 strings.";
  }
  const json = parseResponseFormat(body.response_format);
  if (typeof json === 'string') return json;
  return {
    model: body.model,
    messages,
    stream: body.stream === true,
    includeUsage: body.stream_options?.include_usage === true,
    ...(typeof body.temperature === 'number' ? { temperature: body.temperature } : {}),
    tools,
    toolChoice: toolChoice as ParsedRequest['toolChoice'],
    parallelToolCalls: body.parallel_tool_calls !== false,
    stop,
    ...(json ? { json } : {}),
  };
}

function parseMessages(raw: unknown): FakeMessage[] | string {
  if (!Array.isArray(raw) || raw.length === 0) return "Invalid 'messages': empty array. Expected an array with minimum length 1.";
  const messages: FakeMessage[] = [];
  /** Calls made by the latest assistant turn that no tool message has answered yet. */
  let open: string[] = [];
  for (const [index, item] of raw.entries()) {
    if (!isObject(item) || !ROLES.has(item.role)) return `Invalid value for 'messages[${index}].role'.`;
    if (open.length > 0 && item.role !== 'tool') return unanswered(open);
    const content = readContent(item.content, item.role, index);
    if (typeof content === 'string') return content;
    let text = content.text;
    if (item.role === 'assistant' && item.tool_calls !== undefined) {
      if (!Array.isArray(item.tool_calls)) return `Invalid type for 'messages[${index}].tool_calls': expected an array.`;
      for (const [c, call] of item.tool_calls.entries()) {
        const ok = isObject(call) && typeof call.id === 'string' && call.type === 'function' && isObject(call.function) &&
          typeof call.function.name === 'string' && typeof call.function.arguments === 'string';
        if (!ok) return `Invalid 'messages[${index}].tool_calls[${c}]': needs id, type "function" and function.name/arguments.`;
        text += ` ${call.function.name} ${call.function.arguments}`;
      }
      open = item.tool_calls.map((call: { id: string }) => call.id);
    }
    if (item.role === 'tool') {
      if (typeof item.tool_call_id !== 'string' || !open.includes(item.tool_call_id)) {
        return "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.";
      }
      open = open.filter((id) => id !== item.tool_call_id);
    }
    messages.push({ role: item.role, text, ...(content.images ? { images: content.images } : {}) });
  }
  if (open.length > 0) return unanswered(open);
  return messages;
}

function unanswered(ids: string[]): string {
  return `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${ids.join(', ')}`;
}

/** A string, a list of parts (text; images from a user), or null beside an assistant's tool calls. */
function readContent(content: unknown, role: string, index: number): { text: string; images: number } | string {
  if (typeof content === 'string') return { text: content, images: 0 };
  if (content === null || content === undefined) {
    return role === 'assistant' ? { text: '', images: 0 } : `Invalid 'messages[${index}].content': expected a string or an array.`;
  }
  if (!Array.isArray(content)) return `Invalid type for 'messages[${index}].content'.`;
  const texts: string[] = [];
  let images = 0;
  for (const [p, part] of content.entries()) {
    if (isObject(part) && part.type === 'text' && typeof part.text === 'string') texts.push(part.text);
    else if (isObject(part) && part.type === 'image_url' && role === 'user' && isImageUrl(part.image_url?.url)) images++;
    else return `Invalid 'messages[${index}].content[${p}]': not a valid content part for role '${role}'.`;
  }
  return { text: texts.join('\n'), images };
}

function parseTools(raw: unknown): FakeTool[] | string {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || raw.length === 0) return "Invalid 'tools': expected a non-empty array.";
  const tools: FakeTool[] = [];
  for (const [index, tool] of raw.entries()) {
    if (!isObject(tool) || tool.type !== 'function' || !isObject(tool.function) || !isToolName(tool.function.name)) {
      return `Invalid 'tools[${index}]': expected { type: "function", function: { name, parameters } } with a name of [a-zA-Z0-9_-]{1,64}.`;
    }
    const schema = tool.function.parameters ?? { type: 'object', properties: {} };
    if (!isObject(schema)) return `Invalid 'tools[${index}].function.parameters': expected an object.`;
    tools.push({ name: tool.function.name, schema });
  }
  return tools;
}

/** The normalised choice, or the 400 message (a string that is not a choice). */
function parseToolChoice(raw: unknown, tools: FakeTool[]): ParsedRequest['toolChoice'] | string {
  if (raw === undefined) return 'auto';
  if (raw === 'auto' || raw === 'none' || raw === 'required') {
    return raw !== 'none' && tools.length === 0 ? "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified." : raw;
  }
  if (isObject(raw) && raw.type === 'function' && typeof raw.function?.name === 'string') {
    const name: string = raw.function.name;
    return tools.some((t) => t.name === name) ? { name } : `Invalid value for 'tool_choice': no function named '${name}' was specified in the 'tools' parameter.`;
  }
  return "Invalid value for 'tool_choice'.";
}

function parseResponseFormat(raw: unknown): ParsedRequest['json'] | string | undefined {
  if (raw === undefined || (isObject(raw) && raw.type === 'text')) return undefined;
  if (isObject(raw) && raw.type === 'json_object') return {};
  if (isObject(raw) && raw.type === 'json_schema' && isObject(raw.json_schema) && typeof raw.json_schema.name === 'string') {
    return isObject(raw.json_schema.schema) ? { schema: raw.json_schema.schema } : {};
  }
  return "Invalid 'response_format': expected { type: 'text' | 'json_object' } or { type: 'json_schema', json_schema: { name, schema } }.";
}

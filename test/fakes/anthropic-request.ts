// Reads a Messages API request as Anthropic does (API version 2026-10-21), refusing with
// its 400 messages what it refuses: extra inputs (temperature, top_p, seed...), tool
// results without a tool_use in the turn before, tool_use left without its result.
import type { FakeMessage } from './reply';
import { isImageUrl, isObject, isToolName, unknownField, type FakeTool, type ParsedRequest } from './wire';

const KNOWN_FIELDS = new Set([
  'model', 'max_tokens', 'messages', 'cache_control', 'container', 'context_management', 'diagnostics', 'inference_geo',
  'mcp_servers', 'metadata', 'output_config', 'service_tier', 'speed', 'stop_sequences', 'stream', 'system', 'thinking',
  'tool_choice', 'tools',
]);
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

export function parseAnthropicRequest(body: unknown): ParsedRequest | string {
  if (!isObject(body) || typeof body.model !== 'string') return 'model: Field required';
  if (typeof body.max_tokens !== 'number') return 'max_tokens: Field required';
  const extra = unknownField(body, KNOWN_FIELDS);
  if (extra) return `${extra}: Extra inputs are not permitted`;
  const system = readSystem(body.system);
  if (system === undefined) return 'system: Input should be a valid string or a list of text blocks';
  const messages = parseMessages(body.messages);
  if (typeof messages === 'string') return messages;
  const tools = parseTools(body.tools);
  if (typeof tools === 'string') return tools;
  const choice = parseToolChoice(body.tool_choice, tools);
  if (typeof choice === 'string') return choice;
  const stop = body.stop_sequences ?? [];
  if (!Array.isArray(stop) || !stop.every((s) => typeof s === 'string')) return 'stop_sequences: Input should be a valid list of strings';
  if (body.metadata !== undefined && !(isObject(body.metadata) && ['string', 'undefined'].includes(typeof body.metadata.user_id))) {
    return 'metadata.user_id: Input should be a valid string';
  }
  return {
    model: body.model,
    messages: system === '' ? messages : [{ role: 'system', text: system }, ...messages],
    stream: body.stream === true,
    includeUsage: true,
    tools,
    toolChoice: choice.choice,
    parallelToolCalls: !choice.singleCall,
    stop,
  };
}

function readSystem(raw: unknown): string | undefined {
  if (raw === undefined) return '';
  if (typeof raw === 'string') return raw;
  if (!Array.isArray(raw) || !raw.every((b) => isObject(b) && b.type === 'text' && typeof b.text === 'string')) return undefined;
  return raw.map((b) => b.text).join('\n');
}

function parseMessages(raw: unknown): FakeMessage[] | string {
  if (!Array.isArray(raw) || raw.length === 0) return 'messages: at least one message is required';
  const messages: FakeMessage[] = [];
  /** The tool_use ids of the assistant turn just before, which this user turn must answer. */
  let open: string[] = [];
  for (const [index, item] of raw.entries()) {
    if (!isObject(item) || (item.role !== 'user' && item.role !== 'assistant')) {
      return `messages.${index}.role: Input should be 'user' or 'assistant' (system prompts go in the top-level system parameter)`;
    }
    const blocks = typeof item.content === 'string' ? [{ type: 'text', text: item.content }] : item.content;
    if (!Array.isArray(blocks)) return `messages.${index}.content: Input should be a valid string or list of content blocks`;
    const read = readBlocks(blocks, item.role, index, open);
    if (typeof read === 'string') return read;
    open = read.toolUseIds;
    messages.push({ role: item.role, text: read.text, ...(read.images ? { images: read.images } : {}) });
  }
  if (open.length > 0) return unanswered(raw.length, open);
  return messages;
}

interface ReadBlocks {
  text: string;
  images: number;
  toolUseIds: string[];
}

function readBlocks(blocks: unknown[], role: 'user' | 'assistant', index: number, open: string[]): ReadBlocks | string {
  const texts: string[] = [];
  const toolUseIds: string[] = [];
  const answered: string[] = [];
  let images = 0;
  let seenOther = false;
  for (const [b, block] of blocks.entries()) {
    const at = `messages.${index}.content.${b}`;
    if (!isObject(block)) return `${at}: Input should be a valid content block`;
    if (block.type === 'text' && typeof block.text === 'string') {
      if (block.text === '') return `${at}: text content blocks must be non-empty`;
      texts.push(block.text);
    } else if (block.type === 'image') {
      if (!validImageSource(block.source)) return `${at}.source: Input should be a base64 image (image/jpeg, png, gif, webp) or a url`;
      images++;
    } else if (block.type === 'tool_use' && role === 'assistant') {
      if (typeof block.id !== 'string' || !/^[a-zA-Z0-9_-]+$/.test(block.id)) return `${at}.id: String should match pattern '^[a-zA-Z0-9_-]+$'`;
      if (typeof block.name !== 'string' || !isObject(block.input)) return `${at}: tool_use needs a name and an input object`;
      toolUseIds.push(block.id);
      texts.push(`${block.name} ${JSON.stringify(block.input)}`);
    } else if (block.type === 'tool_result' && role === 'user') {
      if (seenOther) return `messages.${index}: tool_result blocks must come before any other content in the user message`;
      if (typeof block.tool_use_id !== 'string' || !open.includes(block.tool_use_id)) {
        return `${at}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(block.tool_use_id)}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`;
      }
      const result = readToolResult(block.content, at);
      if (typeof result === 'string') return result;
      answered.push(block.tool_use_id);
      texts.push(result.text);
      images += result.images;
      continue;
    } else {
      return `${at}: Input tag '${String(block.type)}' is not a valid content block for role '${role}'`;
    }
    seenOther = true;
  }
  const missing = open.filter((id) => !answered.includes(id));
  if (missing.length > 0) return unanswered(index, missing);
  return { text: texts.join('\n'), images, toolUseIds };
}

function readToolResult(content: unknown, at: string): { text: string; images: number } | string {
  if (content === undefined) return { text: '', images: 0 };
  if (typeof content === 'string') return { text: content, images: 0 };
  if (!Array.isArray(content)) return `${at}.content: Input should be a valid string or list`;
  const texts: string[] = [];
  let images = 0;
  for (const block of content) {
    if (isObject(block) && block.type === 'text' && typeof block.text === 'string') texts.push(block.text);
    else if (isObject(block) && block.type === 'image' && validImageSource(block.source)) images++;
    else return `${at}.content: only text and image blocks are allowed in a tool_result`;
  }
  return { text: texts.join('\n'), images };
}

function validImageSource(source: unknown): boolean {
  if (!isObject(source)) return false;
  if (source.type === 'url') return isImageUrl(source.url) && !String(source.url).startsWith('data:');
  return source.type === 'base64' && IMAGE_TYPES.has(source.media_type) && typeof source.data === 'string' && source.data !== '';
}

function unanswered(index: number, ids: string[]): string {
  return `messages.${index}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${ids.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`;
}

function parseTools(raw: unknown): FakeTool[] | string {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return 'tools: Input should be a valid list';
  const tools: FakeTool[] = [];
  for (const [index, tool] of raw.entries()) {
    if (!isObject(tool) || !isToolName(tool.name)) return `tools.${index}.name: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'`;
    if (!isObject(tool.input_schema) || tool.input_schema.type !== 'object') return `tools.${index}.input_schema.type: Input should be 'object'`;
    tools.push({ name: tool.name, schema: tool.input_schema });
  }
  return tools;
}

function parseToolChoice(raw: unknown, tools: FakeTool[]): { choice: ParsedRequest['toolChoice']; singleCall: boolean } | string {
  if (raw === undefined) return { choice: 'auto', singleCall: false };
  if (!isObject(raw)) return 'tool_choice: Input should be a valid dictionary';
  const singleCall = raw.disable_parallel_tool_use === true;
  switch (raw.type) {
    case 'auto':
      return { choice: 'auto', singleCall };
    case 'none':
      return { choice: 'none', singleCall: false };
    case 'any':
      return tools.length > 0 ? { choice: 'required', singleCall } : 'tool_choice: "any" needs tools';
    case 'tool':
      if (!tools.some((t) => t.name === raw.name)) return `tool_choice.name: tool '${String(raw.name)}' is not among the request's tools`;
      return { choice: { name: raw.name }, singleCall };
    default:
      return "tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'";
  }
}

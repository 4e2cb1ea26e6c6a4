// A Responses API `input` -> the router's conversation. `input` is a string (one user
// turn) or a list of items: messages (user, assistant, system, developer) with
// `input_text` / `output_text` / `input_image` parts, the model's `function_call` items and
// the caller's `function_call_output` items (and `custom_tool_call` / `custom_tool_call_output`
// for custom tools; a call in a namespace goes by the name the model was offered, see
// responses-tools.ts). A call joins the assistant turn before it, as the neutral conversation
// keeps an assistant's text and calls in one turn.
// `reasoning` items are a model's own hidden reasoning (encrypted): only the model that
// wrote them can read them, so they are left out, as the Anthropic face leaves out thinking.
// Items that only a stateful server or a built-in tool could answer get a 400 naming them.
import { z } from 'zod';
import type { ContentPart, ConversationMessage } from '../../../../shared/conversation';
import { invalidRequest } from '../http-error';
import { checkedImageUrl } from '../image-url';
import { formatPath, parseAt } from '../issue';
import { checkArguments, ToolCallIds } from '../tool-checks';
import { customArguments, offeredToolName } from './responses-tools';

type Path = (string | number)[];

const MAX_ID = 512;

const inputText = z.looseObject({ type: z.literal('input_text'), text: z.string() });
const outputText = z.looseObject({ type: z.literal('output_text'), text: z.string() });
const refusal = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });
const inputImage = z.looseObject({
  type: z.literal('input_image'),
  image_url: z.string({ error: 'expected an image_url (uploaded files are not supported: send the image as a data: or https URL)' }),
  detail: z.enum(['auto', 'low', 'high', 'original']).nullish(),
});
const NO_FILES = 'expected an "input_text" or "input_image" part (input_file is not supported: the gateway stores no files; send the text)';
const userPart = z.discriminatedUnion('type', [inputText, inputImage], { error: NO_FILES });
const assistantPart = z.discriminatedUnion('type', [outputText, inputText, refusal], { error: 'expected an "output_text" or "refusal" part' });
const outputPart = z.discriminatedUnion('type', [inputText, inputImage], { error: NO_FILES });

// Built once, not per request: a zod schema costs more to build than to run.
const systemParts = z.array(inputText);
const userParts = z.array(userPart);
const assistantParts = z.array(assistantPart);
const outputParts = z.array(outputPart);

/** A string, or at most 10,000 parts (a longer list used to be told it was no list at all). */
const textOrParts = z
  .union([z.string(), z.array(z.unknown())], { error: 'expected a string or an array of content parts' })
  .refine((value) => typeof value === 'string' || value.length <= 10_000, 'at most 10,000 content parts');

const message = z.looseObject({
  role: z.enum(['user', 'assistant', 'system', 'developer'], { error: 'expected "user", "assistant", "system" or "developer"' }),
  content: textOrParts,
});
const functionCall = z.looseObject({
  call_id: z.string({ error: 'a function_call needs its call_id' }).min(1).max(MAX_ID),
  name: z.string().min(1).max(256),
  namespace: z.string().min(1).max(256).nullish(),
  arguments: z.string({ error: 'expected the arguments as JSON text' }),
});
const customToolCall = z.looseObject({
  call_id: z.string({ error: 'a custom_tool_call needs its call_id' }).min(1).max(MAX_ID),
  name: z.string().min(1).max(256),
  namespace: z.string().min(1).max(256).nullish(),
  input: z.string({ error: 'expected the input as text' }),
});
const functionCallOutput = z.looseObject({
  call_id: z.string({ error: 'a tool call output needs the call_id of the call it answers' }).min(1).max(MAX_ID),
  output: textOrParts,
});

const itemList = z.array(z.unknown(), { error: 'expected a string or an array of input items' }).min(1, 'at least one input item is required').max(10_000, 'at most 10,000 input items');

/** Items left out on purpose (see the header). */
const DROPPED = new Set(['reasoning']);

/** Why an item type is refused, and what to send instead. */
const REFUSED: Record<string, string> = {
  item_reference:
    'item_reference needs items stored by the server; the LLM Router gateway keeps no conversation state: send the whole conversation in input',
  compaction: 'compaction items need the server that made them; the LLM Router gateway keeps no conversation state: send the whole conversation in input',
};

export function toConversation(raw: unknown): ConversationMessage[] {
  if (typeof raw === 'string') return [{ role: 'user', content: raw }];
  const list = parseAt(itemList, raw, ['input']);
  const calls = new ToolCallIds();
  const conversation: ConversationMessage[] = [];
  list.forEach((item, index) => addItem(conversation, item, ['input', index], calls));
  return conversation;
}

/** A call of the model's, added to the assistant turn before it (or a new one). */
function addCall(conversation: ConversationMessage[], calls: ToolCallIds, call: { id: string; name: string; arguments: string }): void {
  calls.add(call.id);
  const last = conversation.at(-1);
  const turn = last?.role === 'assistant' ? last : { role: 'assistant' as const, content: '' };
  if (turn !== last) conversation.push(turn);
  turn.toolCalls = [...(turn.toolCalls ?? []), call];
}

function addItem(conversation: ConversationMessage[], item: unknown, at: Path, calls: ToolCallIds): void {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw invalid(at, 'expected an input item object');
  const type = (item as { type?: unknown }).type ?? 'message';
  switch (type) {
    case 'message':
      conversation.push(messageTurn(parseAt(message, item, at), at));
      return;
    case 'function_call': {
      const call = parseAt(functionCall, item, at);
      checkArguments(call.arguments, formatPath([...at, 'arguments']));
      addCall(conversation, calls, { id: call.call_id, name: offeredToolName(call.name, call.namespace), arguments: call.arguments });
      return;
    }
    case 'custom_tool_call': {
      const call = parseAt(customToolCall, item, at);
      // As the model was offered the custom tool: a function whose one argument is the input text.
      addCall(conversation, calls, { id: call.call_id, name: offeredToolName(call.name, call.namespace), arguments: customArguments(call.input) });
      return;
    }
    case 'function_call_output':
    case 'custom_tool_call_output': {
      const result = parseAt(functionCallOutput, item, at);
      calls.requireEarlier(result.call_id, formatPath([...at, 'call_id']));
      conversation.push({ role: 'tool', toolCallId: result.call_id, content: toolOutput(result.output, [...at, 'output']) });
      return;
    }
    default:
      if (typeof type === 'string' && DROPPED.has(type)) return;
      throw invalid(
        [...at, 'type'],
        typeof type === 'string' && REFUSED[type]
          ? REFUSED[type]
          : `${JSON.stringify(type)} items are not supported by the LLM Router gateway (it runs function tools only): send messages, function_call and function_call_output items`,
      );
  }
}

function messageTurn(m: z.infer<typeof message>, at: Path): ConversationMessage {
  const contentAt = [...at, 'content'];
  switch (m.role) {
    case 'system':
    case 'developer':
      // `developer` is OpenAI's newer name for the system role.
      return { role: 'system', content: typeof m.content === 'string' ? m.content : textOf(parseAt(systemParts, m.content, contentAt)) };
    case 'assistant':
      return {
        role: 'assistant',
        content:
          typeof m.content === 'string'
            ? m.content
            : parseAt(assistantParts, m.content, contentAt)
                .map((p) => (p.type === 'refusal' ? p.refusal : p.text))
                .join(''),
      };
    case 'user':
      return { role: 'user', content: typeof m.content === 'string' ? m.content : parts(parseAt(userParts, m.content, contentAt), contentAt) };
  }
}

/** A tool's output: text, or text and images. */
function toolOutput(output: string | unknown[], at: Path): string | ContentPart[] {
  if (typeof output === 'string') return output;
  return parts(parseAt(outputParts, output, at), at);
}

/** Text only: one string, as the caller would have written it; else the parts in order. */
function parts(list: (z.infer<typeof inputText> | z.infer<typeof inputImage>)[], at: Path): string | ContentPart[] {
  if (list.every((p) => p.type === 'input_text')) return textOf(list as z.infer<typeof inputText>[]);
  return list.map((part, i): ContentPart => {
    if (part.type === 'input_text') return { type: 'text', text: part.text };
    const url = checkedImageUrl(part.image_url, formatPath([...at, i, 'image_url']));
    // `original` (full resolution) is OpenAI's newest hint; the neutral shape knows high.
    const detail = part.detail === 'original' ? 'high' : part.detail;
    return { type: 'image', url, ...(detail ? { detail } : {}) };
  });
}

function textOf(list: { text: string }[]): string {
  return list.map((p) => p.text).join('\n');
}

function invalid(at: Path, message: string) {
  const param = formatPath(at);
  return invalidRequest(`Invalid '${param}': ${message}`, param, 'invalid_value');
}

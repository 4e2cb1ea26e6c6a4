// The Responses API's tools as function tools every provider can call, and the model's calls
// back in the caller's own terms. Beside plain `function` tools, a caller may send:
// - a `namespace` of function and custom tools (Codex's sub-agent tools, `multi_agent_v1`):
//   each is offered as a function named `<namespace>__<name>`, and a call of it comes back
//   with its own `name` and its `namespace`, as OpenAI answers it;
// - a `custom` tool, whose input is free text rather than JSON arguments: offered as a
//   function with one string argument, `input`, and a call of it comes back as a
//   `custom_tool_call` with that text as its `input`. A grammar (`format.type: "grammar"`)
//   cannot be enforced on another provider's model: it is given to the model in the tool's
//   description, and the caller checks the input as it would any model's.
// Built-in tools (web search, file search, computer use...) run on OpenAI's servers: they are
// refused with a 400 naming what to do instead.
import { z } from 'zod';
import type { ToolDefinition } from '../../../../shared/conversation';
import type { ToolCall } from '../../../../shared/protocol';
import { invalidRequest } from '../http-error';
import { formatPath, fromIssue } from '../issue';
import { checkToolName, checkUniqueNames, objectSchema } from '../tool-checks';

/** Between a namespace's name and its tool's in the name the model sees. */
const NAMESPACE_SEPARATOR = '__';

/** A tool as the caller declared it: what a call of it is answered as. */
export interface DeclaredTool {
  type: 'function' | 'custom';
  name: string;
  namespace?: string;
}

const functionTool = z.looseObject({
  type: z.literal('function'),
  name: z.string({ error: 'expected a string' }),
  description: z.string().max(100_000).nullish(),
  parameters: z.unknown().optional(),
  strict: z.boolean().nullish(),
});

const customTool = z.looseObject({
  type: z.literal('custom'),
  name: z.string({ error: 'expected a string' }),
  description: z.string().max(100_000).nullish(),
  format: z
    .discriminatedUnion(
      'type',
      [
        z.looseObject({ type: z.literal('text') }),
        z.looseObject({ type: z.literal('grammar'), syntax: z.enum(['lark', 'regex']), definition: z.string().max(100_000) }),
      ],
      { error: 'expected {"type": "text"} or {"type": "grammar", "syntax": "lark" | "regex", "definition": ...}' },
    )
    .nullish(),
});

const namespaceTool = z.looseObject({
  type: z.literal('namespace'),
  name: z.string({ error: 'expected a string' }),
  description: z.string().max(100_000).nullish(),
  tools: z.array(z.looseObject({ type: z.string({ error: 'a tool needs a type' }) }), { error: 'expected an array of function and custom tools' }).min(1).max(1_000),
});

/** Tools other than these (built-in ones), named with what to do instead. */
const TOOL_TYPE_ADVICE: Record<string, string> = {
  web_search: 'in Codex, set web_search = "disabled" in ~/.codex/config.toml',
  web_search_preview: 'in Codex, set web_search = "disabled" in ~/.codex/config.toml',
};

const SUPPORTED = new Set(['function', 'custom', 'namespace']);

/** The request's tools as the router offers them, and how each call maps back. */
export class ResponsesTools {
  private constructor(
    readonly definitions: ToolDefinition[],
    private readonly declared: ReadonlyMap<string, DeclaredTool>,
  ) {}

  static readonly NONE = new ResponsesTools([], new Map());

  /** Reads `tools` (already checked to be objects with a `type`); throws a 400 naming the first bad one. */
  static parse(tools: readonly { type: string }[]): ResponsesTools {
    checkSupportedTypes(tools);
    const definitions: ToolDefinition[] = [];
    const declared = new Map<string, DeclaredTool>();
    const params: string[] = [];
    const add = (definition: ToolDefinition, tool: DeclaredTool, param: string) => {
      definitions.push(definition);
      params.push(param);
      declared.set(definition.name, tool);
    };
    tools.forEach((raw, i) => {
      if (raw.type !== 'namespace') {
        const { definition, tool } = offered(raw, undefined, undefined, ['tools', i]);
        return add(definition, tool, `tools[${i}].name`);
      }
      const parsed = namespaceTool.safeParse(raw);
      if (!parsed.success) throw fromIssue(parsed.error.issues[0], undefined, ['tools', i]);
      const space = parsed.data;
      checkToolName(space.name, `tools[${i}].name`);
      space.tools.forEach((inner, j) => {
        if (inner.type !== 'function' && inner.type !== 'custom') {
          const param = `tools[${i}].tools[${j}].type`;
          throw invalidRequest(`Invalid '${param}': a namespace holds function and custom tools only`, param, 'unsupported_tool');
        }
        const { definition, tool } = offered(inner, space.name, space.description ?? undefined, ['tools', i, 'tools', j]);
        add(definition, tool, `tools[${i}].tools[${j}].name`);
      });
    });
    checkUniqueNames(
      definitions.map((d) => d.name),
      (index) => params[index],
    );
    return new ResponsesTools(definitions, declared);
  }

  get any(): boolean {
    return this.definitions.length > 0;
  }

  /** The name the model knows a declared tool by; undefined when the request declares none such. */
  offeredName(name: string, namespace?: string | null): string | undefined {
    const offered = offeredToolName(name, namespace);
    return this.declared.has(offered) ? offered : undefined;
  }

  /** What a call of the model's tool `offered` is, in the caller's terms (a function of that name when the request did not declare it). */
  declaredTool(offered: string): DeclaredTool {
    return this.declared.get(offered) ?? { type: 'function', name: offered };
  }
}

/** The name under which the model sees a tool of a namespace (and of none). */
export function offeredToolName(name: string, namespace?: string | null): string {
  return namespace ? `${namespace}${NAMESPACE_SEPARATOR}${name}` : name;
}

/** A custom tool's free text as the one argument of the function offered for it. */
export const customArguments = (input: string) => JSON.stringify({ input });

/** A custom tool call's text, read back from the function call's arguments (the arguments themselves when the model wrote no `input` string). */
export function customInput(call: Pick<ToolCall, 'arguments'>): string {
  try {
    const input = (JSON.parse(call.arguments) as { input?: unknown }).input;
    if (typeof input === 'string') return input;
  } catch {
    // Not JSON: the text is the input.
  }
  return call.arguments;
}

function offered(raw: unknown, namespace: string | undefined, namespaceDescription: string | undefined, at: (string | number)[]): { definition: ToolDefinition; tool: DeclaredTool } {
  const path = formatPath(at);
  const type = (raw as { type: string }).type;
  const parsed = type === 'custom' ? customTool.safeParse(raw) : functionTool.safeParse(raw);
  if (!parsed.success) throw fromIssue(parsed.error.issues[0], undefined, at);
  const { name, description } = parsed.data;
  checkToolName(name, `${path}.name`);
  const offeredName = offeredToolName(name, namespace);
  if (namespace) checkToolName(offeredName, `${path}.name`); // the namespace and the name together
  const described = [description, namespace && namespaceDescription ? `(Part of ${namespace}: ${namespaceDescription})` : undefined].filter(Boolean).join('\n\n');
  const tool: DeclaredTool = { type: type === 'custom' ? 'custom' : 'function', name, ...(namespace ? { namespace } : {}) };
  if (parsed.data.type === 'custom') {
    const format = parsed.data.format;
    const grammar = format?.type === 'grammar' ? `The input must match this ${format.syntax} grammar:\n${format.definition}` : undefined;
    return {
      tool,
      definition: {
        name: offeredName,
        ...(described || grammar ? { description: [described, grammar].filter(Boolean).join('\n\n') } : {}),
        parameters: {
          type: 'object',
          properties: { input: { type: 'string', description: 'The tool\'s input, as free text' } },
          required: ['input'],
          additionalProperties: false,
        },
      },
    };
  }
  const { parameters, strict } = parsed.data;
  return {
    tool,
    definition: {
      name: offeredName,
      ...(described ? { description: described } : {}),
      parameters: objectSchema(parameters, `${path}.parameters`),
      ...(typeof strict === 'boolean' ? { strict } : {}),
    },
  };
}

/**
 * One 400 for every tool of the request the gateway cannot offer (built-in tools), each with
 * what to do instead: Codex sends one by default, and a caller should not have to learn them
 * one refused request at a time.
 */
function checkSupportedTypes(tools: readonly { type: string }[]): void {
  const others = tools.flatMap((tool, index) => (SUPPORTED.has(tool.type) ? [] : [{ type: tool.type, index }]));
  if (others.length === 0) return;
  const named = others.map(({ type }) => {
    const advice = TOOL_TYPE_ADVICE[type];
    return `"${type}"${advice ? ` (${advice})` : ''}`;
  });
  const param = `tools[${others[0].index}].type`;
  const message = `the LLM Router gateway runs function, custom and namespace tools only (the caller runs them), not ${[...new Set(named)].join(', ')}`;
  throw invalidRequest(`Invalid '${param}': ${message}`, param, 'unsupported_tool');
}

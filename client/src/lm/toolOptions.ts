// VS Code's request options -> the router's tools, tool choice and generation options. Pure.
import type { ToolChoice, ToolDefinition } from '../../../shared/conversation';

export interface ToolInput {
  name: string;
  description: string;
  inputSchema?: object;
}

/** VS Code's LanguageModelChatToolMode values. */
export const TOOL_MODE = { auto: 1, required: 2 } as const;

/** A tool without a schema takes no arguments: providers need an object schema all the same. */
export function toolDefinitions(tools: readonly ToolInput[] | undefined): ToolDefinition[] | undefined {
  if (!tools || tools.length === 0) return undefined;
  return tools.map((tool) => ({
    name: tool.name,
    ...(tool.description ? { description: tool.description } : {}),
    parameters: (tool.inputSchema as Record<string, unknown> | undefined) ?? { type: 'object', properties: {} },
  }));
}

/**
 * `Required` with one tool names it (every provider takes that); with several, any one of
 * them must be called. No tools: no choice to send.
 */
export function toolChoice(mode: number | undefined, tools: readonly ToolInput[] | undefined): ToolChoice | undefined {
  if (!tools || tools.length === 0) return undefined;
  if (mode !== TOOL_MODE.required) return 'auto';
  return tools.length === 1 ? { name: tools[0].name } : 'required';
}

/** The few `modelOptions` with a meaning the router knows; others are vendor-specific and ignored. */
export function samplingOptions(modelOptions: { readonly [name: string]: unknown } | undefined): { temperature?: number; maxTokens?: number } {
  const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
  const temperature = number(modelOptions?.temperature);
  const maxTokens = number(modelOptions?.max_tokens ?? modelOptions?.maxTokens);
  return {
    ...(temperature !== undefined && temperature >= 0 && temperature <= 2 ? { temperature } : {}),
    ...(maxTokens !== undefined && maxTokens >= 1 ? { maxTokens: Math.floor(maxTokens) } : {}),
  };
}

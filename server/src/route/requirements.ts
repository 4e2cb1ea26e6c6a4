// What a request needs of a model beyond text in, text out, and whether a model has it.
// Every field of a request is honoured by the model that takes it or that model is not
// chosen: nothing is dropped on the way to a model that cannot take it.
import type { ConversationMessage, ExecuteParams } from '../../../shared/protocol';
import type { Capability, ModelInfo } from '../catalog/types';

export type Requirement =
  | { type: 'capability'; capability: Capability }
  /** JSON mode without a schema: native on OpenAI-type APIs; Anthropic needs a tool or a schema to force it. */
  | { type: 'json-object' }
  /** Sampling parameters only OpenAI-type APIs take (Anthropic's Messages API has none of them, and refuses top_p). */
  | { type: 'openai-parameters'; names: string[] };

/** What each requirement is called in messages ("it needs tool calling"). */
const CAPABILITY_NAMES: Record<Capability, string> = {
  tools: 'tool calling',
  vision: 'image input',
  jsonSchema: 'JSON schema output',
};

export function describeRequirement(r: Requirement): string {
  switch (r.type) {
    case 'capability':
      return CAPABILITY_NAMES[r.capability];
    case 'json-object':
      return 'JSON output';
    case 'openai-parameters':
      return r.names.join(', ');
  }
}

type Needs = Pick<ExecuteParams, 'messages' | 'tools' | 'options'>;

export function requirementsOf(params: Needs): Requirement[] {
  const needs: Requirement[] = [];
  const messages = params.messages ?? [];
  // A conversation that holds tool calls or results can only go to a model that takes them.
  if ((params.tools?.length ?? 0) > 0 || messages.some(involvesTools)) needs.push({ type: 'capability', capability: 'tools' });
  if (messages.some(hasImage)) needs.push({ type: 'capability', capability: 'vision' });
  const options = params.options ?? {};
  const format = options.responseFormat?.type;
  if (format === 'json_schema') needs.push({ type: 'capability', capability: 'jsonSchema' });
  if (format === 'json_object') needs.push({ type: 'json-object' });
  const openaiOnly = (['seed', 'topP', 'presencePenalty', 'frequencyPenalty'] as const).filter((name) => options[name] !== undefined);
  if (openaiOnly.length > 0) needs.push({ type: 'openai-parameters', names: openaiOnly });
  // reasoningEffort is no requirement: it tells a model that reasons how hard to think, and
  // one that does not has nothing to set (see prompt/reasoning-effort.ts). Claude Code asks
  // for it on every turn; making it a requirement would keep its requests off every model
  // that does not reason, Anthropic's included.
  return needs;
}

function involvesTools(m: ConversationMessage): boolean {
  return m.role === 'tool' || (m.toolCalls?.length ?? 0) > 0;
}

function hasImage(m: ConversationMessage): boolean {
  return typeof m.content !== 'string' && m.content.some((part) => part.type === 'image');
}

/**
 * `yes`; `unknown` (nobody said: such a model is tried after the ones known to have it);
 * or `no` with why, in words that tell the user what to set when settings can fix it.
 */
export type Verdict = { verdict: 'yes' } | { verdict: 'unknown'; why: string } | { verdict: 'no'; why: string };

const YES: Verdict = { verdict: 'yes' };

export function meets(model: ModelInfo, r: Requirement): Verdict {
  const openaiType = model.provider.type !== 'anthropic';
  switch (r.type) {
    case 'capability':
      return capabilityVerdict(model, r.capability);
    case 'json-object': {
      if (openaiType) return YES;
      // Anthropic has no JSON mode: the answer can be forced into JSON through a schema or a tool.
      const verdicts = [capabilityVerdict(model, 'jsonSchema'), capabilityVerdict(model, 'tools')];
      if (verdicts.some((v) => v.verdict === 'yes')) return YES;
      const unknown = verdicts.find((v) => v.verdict === 'unknown');
      if (unknown) return unknown;
      return { verdict: 'no', why: `no JSON output: the Anthropic Messages API has no JSON mode, and it has neither JSON schema output nor tool calling (${fixHint(model, 'jsonSchema')})` };
    }
    case 'openai-parameters':
      return openaiType ? YES : { verdict: 'no', why: `the Anthropic Messages API takes no ${r.names.join(', ')}` };
  }
}

function capabilityVerdict(model: ModelInfo, capability: Capability): Verdict {
  const known = model.capabilities?.[capability];
  const name = CAPABILITY_NAMES[capability];
  if (known === undefined) {
    return { verdict: 'unknown', why: `${name} unknown (not in the price table): ${fixHint(model, capability)}` };
  }
  if (known.supported) return YES;
  const said = known.from === 'settings' ? `its settings say "${capability}": false` : 'per the price table';
  return { verdict: 'no', why: `no ${name}, ${said}: ${fixHint(model, capability)}` };
}

function fixHint(model: ModelInfo, capability: Capability): string {
  return `set "capabilities": { "${capability}": true } on ${where(model)} if it does`;
}

export function where(model: ModelInfo): string {
  return model.settingsPath ?? 'it in llmRouter.providers';
}

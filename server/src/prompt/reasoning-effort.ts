// A caller's reasoning effort (OpenAI's reasoning_effort; the gateway maps Anthropic's
// `thinking` and `output_config.effort` to it) tells a model that reasons how hard to think.
// Only OpenAI-type models that reason take the parameter: OpenAI refuses it from gpt-4o
// with a 400, and the Anthropic Messages API has none (Claude's own extended thinking would
// need its thinking blocks kept through a tool loop, which no other provider's turns carry).
// So it is sent where it applies and, elsewhere, left out with a reason saying so: the
// answer is still an answer to the same request, by a model that does not reason.
import type { GenerationOptions } from '../../../shared/conversation';
import type { ModelInfo } from '../catalog/types';
import { where } from '../route/requirements';

export function takesReasoningEffort(model: ModelInfo): boolean {
  return model.provider.type !== 'anthropic' && model.reasoning === true;
}

/** The options as this model gets them: without a reasoning effort it cannot take. */
export function optionsFor(model: ModelInfo, options: GenerationOptions | undefined): GenerationOptions | undefined {
  if (options?.reasoningEffort === undefined || takesReasoningEffort(model)) return options;
  const { reasoningEffort: _left, ...rest } = options;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

/** Why a requested effort was not sent to the model that answered, in the reasons; undefined when it was. */
export function reasoningEffortNote(model: ModelInfo, options: GenerationOptions | undefined): string | undefined {
  const effort = options?.reasoningEffort;
  if (effort === undefined || takesReasoningEffort(model)) return undefined;
  const why =
    model.provider.type === 'anthropic'
      ? 'the Anthropic Messages API takes none'
      : `it does not reason (set "reasoning": true on ${where(model)} if it does)`;
  return `reasoning effort "${effort}" not sent to ${model.ref}: ${why}`;
}

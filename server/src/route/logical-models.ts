// What a request's `model` asks for: `auto` (route as configured), `cheap` / `fast` / `best`
// (route with that strategy for this request), an alias from llmRouter.aliases (a list of
// models tried in order, or a strategy and/or a kind), or a `providerId/modelId` (forced).
import type { Kind } from '../../../shared/protocol';
import { BUILT_IN_MODEL_NAMES, isBuiltInModelName, type Settings, type Strategy } from '../../../shared/settings';

export interface ModelRequest {
  forcedModel?: string;
  strategy?: Strategy;
  kind?: Kind;
  /** An alias's models: the only candidates, in this order. */
  onlyModels?: { name: string; refs: string[] };
  /** For the reasons: which logical model was asked for and what it means. */
  note?: string;
}

export class UnknownModelName extends Error {
  constructor(
    readonly model: string,
    readonly known: string[],
  ) {
    super(`Unknown model "${model}": expected "providerId/modelId" or one of ${known.join(', ')}`);
  }
}

/** Every logical name a caller may send: the built-in ones, then the user's aliases. */
export function logicalModelNames(aliases: Settings['aliases']): string[] {
  return [...Object.keys(BUILT_IN_MODEL_NAMES), ...Object.keys(aliases)];
}

export function resolveModel(model: string | undefined, aliases: Settings['aliases']): ModelRequest {
  if (model === undefined || model === 'auto') return {};
  if (model.includes('/')) return { forcedModel: model };
  if (isBuiltInModelName(model)) {
    const strategy = BUILT_IN_MODEL_NAMES[model];
    return { strategy, note: `model "${model}": strategy ${strategy} for this request` };
  }
  const alias = Object.hasOwn(aliases, model) ? aliases[model] : undefined;
  if (!alias) throw new UnknownModelName(model, logicalModelNames(aliases));
  const parts = [
    ...(alias.strategy ? [`strategy ${alias.strategy}`] : []),
    ...(alias.kind ? [`kind ${alias.kind}`] : []),
  ];
  return {
    ...(alias.models ? { onlyModels: { name: model, refs: alias.models } } : {}),
    ...(alias.strategy ? { strategy: alias.strategy } : {}),
    ...(alias.kind ? { kind: alias.kind } : {}),
    note: `model "${model}" (llmRouter.aliases)${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`,
  };
}

/** Warnings for aliases naming models that are not configured: shown when settings are applied. */
export function aliasWarnings(aliases: Settings['aliases'], configured: ReadonlySet<string>): string[] {
  return Object.entries(aliases).flatMap(([name, alias]) => {
    const missing = (alias.models ?? []).filter((ref) => !configured.has(ref));
    return missing.length === 0 ? [] : [`llmRouter.aliases.${name} names ${missing.join(', ')}, not in llmRouter.providers: skipped.`];
  });
}

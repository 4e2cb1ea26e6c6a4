// `GET /v1/models`: what a caller may put in `model`, in OpenAI's list format plus a few
// fields of ours. The logical models first: `auto` (let the router choose), `cheap`, `fast`
// and `best` (route with that strategy), the user's aliases; then each configured
// `providerId/modelId` (forced; fallback still applies) with its context window and what it
// can do (`true`/`false`, or `null` when nobody knows: see llmRouter.providers[].models[].capabilities).
import { BUILT_IN_MODEL_NAMES, type AliasSettings, type Settings } from '../../../shared/settings';
import { buildCatalog } from '../catalog/catalog';
import type { Capability, ModelInfo } from '../catalog/types';

const OWNER = 'llm-router';

function entry(id: string, ownedBy: string) {
  return { id, object: 'model' as const, created: 0, owned_by: ownedBy };
}

function builtIn(name: keyof typeof BUILT_IN_MODEL_NAMES, configured: string) {
  const strategy = BUILT_IN_MODEL_NAMES[name] ?? configured;
  return { ...entry(name, OWNER), strategy };
}

function alias(name: string, settings: AliasSettings) {
  return {
    ...entry(name, OWNER),
    ...(settings.models ? { models: settings.models } : {}),
    ...(settings.strategy ? { strategy: settings.strategy } : {}),
    ...(settings.kind ? { kind: settings.kind } : {}),
  };
}

function capability(model: ModelInfo, name: Capability): boolean | null {
  return model.capabilities?.[name]?.supported ?? null;
}

function configured(model: ModelInfo) {
  return {
    ...entry(model.ref, model.provider.id),
    context_window: model.contextWindow,
    capabilities: { tools: capability(model, 'tools'), vision: capability(model, 'vision'), json_schema: capability(model, 'jsonSchema') },
  };
}

export function modelList(settings: Settings) {
  const names = Object.keys(BUILT_IN_MODEL_NAMES) as (keyof typeof BUILT_IN_MODEL_NAMES)[];
  return {
    object: 'list' as const,
    data: [
      ...names.map((name) => builtIn(name, settings.routing.strategy)),
      ...Object.entries(settings.aliases).map(([name, a]) => alias(name, a)),
      ...buildCatalog(settings.providers).models.map(configured),
    ],
  };
}

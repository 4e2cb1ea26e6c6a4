// "LLM Router: Add Provider…": a preset (OpenAI, Anthropic, OpenRouter, Ollama, LM Studio,
// any OpenAI-compatible URL), its base URL where one is needed, its key (tried at once by
// listing the provider's models), then a choice among the models it lists, with known
// prices. Writes `llmRouter.providers` in user settings and the key to SecretStorage: no
// JSON to edit.
import * as vscode from 'vscode';
import type { ListedModel, ListProviderModelsResult, ProviderDraft } from '../../../shared/protocol';
import { withoutTrailingSlashes } from '../../../shared/trailing-slashes';
import { isValidProviderId, parseKeyInput } from '../secrets/keyInput';
import type { CommandDeps } from '../commands/deps';
import { mergeProvider, providerEntry, providerIdOf, type ProviderEntry } from './providerEntry';
import {
  baseUrlProblem, baseUrlVerdict, describePrice, freeProviderId, idFromUrl, isLoopbackUrl, PRESETS, suggestedModels, type ProviderPreset,
} from './providerPresets';
import { markSetupStep } from './setupProgress';
import { checkedInput, pickMany, typeModelIds } from './steps';
import { userProviders, writeUserProviders } from './userProviders';

export type ProviderDeps = Pick<CommandDeps, 'keys' | 'router'> & { pushKeys: () => Promise<void> };

/** For tests and scripts: every answer given, no UI. */
export interface AddProviderArgs {
  preset: string;
  id?: string;
  baseUrl?: string;
  apiKey?: string;
  /** Default: the preset's suggestions among the listed models. */
  models?: string[];
}

export interface AddedProvider {
  entry: ProviderEntry;
  /** The key (or keyless server) listed the provider's models. */
  verified: boolean;
}

const TITLE = 'LLM Router: Add Provider';

export async function addProvider(deps: ProviderDeps, args?: AddProviderArgs): Promise<AddedProvider | undefined> {
  if (args) return addFromArgs(deps, args);
  const preset = await pickPreset();
  if (!preset) return undefined;
  const taken = userProviders().map(providerIdOf).filter((id): id is string => id !== undefined);
  let draft: ProviderDraft = { id: freeProviderId(preset.name, taken), type: preset.type, baseUrl: preset.defaultBaseUrl };
  let listing: ListProviderModelsResult | undefined;
  let apiKey: string | undefined;

  if (preset.asksBaseUrl) {
    const url = await askBaseUrl(deps, preset, draft);
    if (!url) return undefined;
    draft = { ...draft, baseUrl: url.baseUrl };
    listing = url.listing;
    if (preset.name === 'custom') {
      const id = await askProviderId(freeProviderId(idFromUrl(url.baseUrl), taken), taken);
      if (!id) return undefined;
      draft = { ...draft, id };
    }
  }
  const needsKey = preset.key === 'required' || (preset.key === 'optional' && listing !== undefined && baseUrlVerdict(listing) === 'needs-key');
  if (needsKey) {
    const keyed = await askKey(deps, preset, draft, listing?.error);
    if (!keyed) return undefined;
    apiKey = keyed.apiKey;
    listing = keyed.listing;
  }
  const local = preset.local || isLoopbackUrl(draft.baseUrl);
  const models = await chooseModels(preset, draft, listing, local);
  if (!models) return undefined;
  return save(deps, draft, models, listing?.models ?? [], local, apiKey, listing?.ok ?? false);
}

async function addFromArgs(deps: ProviderDeps, args: AddProviderArgs): Promise<AddedProvider | undefined> {
  const preset = PRESETS.find((p) => p.name === args.preset);
  if (!preset) throw new Error(`Unknown preset "${args.preset}" (one of ${PRESETS.map((p) => p.name).join(', ')}).`);
  const id = args.id ?? preset.name;
  if (!isValidProviderId(id)) throw new Error(`Invalid provider id "${id}".`);
  const draft: ProviderDraft = { id, type: preset.type, baseUrl: args.baseUrl ?? preset.defaultBaseUrl };
  const listing = await deps.router.listProviderModels({ provider: draft, apiKey: args.apiKey });
  const models = args.models ?? suggestedModels(preset, listing.models);
  if (models.length === 0) throw new Error(`No models to add: ${listing.error ?? 'the provider lists none'}.`);
  const local = preset.local || isLoopbackUrl(draft.baseUrl);
  return save(deps, draft, models, listing.models, local, args.apiKey, listing.ok);
}

async function pickPreset(): Promise<ProviderPreset | undefined> {
  const items = PRESETS.map((preset) => ({ label: preset.label, detail: preset.detail, preset }));
  const picked = await vscode.window.showQuickPick(items, {
    title: TITLE, placeHolder: 'Which provider? (you can add more later)', ignoreFocusOut: true, matchOnDetail: true,
  });
  return picked?.preset;
}

async function askBaseUrl(deps: ProviderDeps, preset: ProviderPreset, draft: ProviderDraft) {
  let lastFailed: string | undefined;
  return checkedInput<{ baseUrl: string; listing: ListProviderModelsResult | undefined }>({
    title: `${TITLE}: ${preset.label}`,
    prompt: preset.key === 'none'
      ? `The server's address (OpenAI-compatible API, usually ending in /v1). Enter tries it.`
      : 'The endpoint of the OpenAI-compatible API (usually ending in /v1).',
    value: preset.defaultBaseUrl,
    validate: (value) => baseUrlProblem(value),
    accept: async (value) => {
      const baseUrl = withoutTrailingSlashes(value.trim());
      const listing = await deps.router.listProviderModels({ provider: { ...draft, baseUrl } });
      const verdict = baseUrlVerdict(listing);
      // A server that wants a key is reachable: the key box comes next. One that could not be
      // reached is a wrong address, which no key fixes.
      if (verdict === 'listed' || (verdict === 'needs-key' && preset.key === 'optional')) return { ok: true, value: { baseUrl, listing } };
      // Pressing Enter again on the same URL goes on: the models can be typed by hand.
      if (lastFailed === baseUrl) return { ok: true, value: { baseUrl, listing } };
      lastFailed = baseUrl;
      return { ok: false, problem: `Could not list the models there (${listing.error}). Fix the address, or press Enter again to type model ids yourself.` };
    },
  });
}

async function askProviderId(suggested: string, taken: readonly string[]): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: `${TITLE}: name`,
    prompt: 'A short name for this provider: models are called name/model-id in the answers and the dashboard.',
    value: suggested,
    ignoreFocusOut: true,
    validateInput: (value) => !isValidProviderId(value)
      ? 'Letters, digits, ".", "_" or "-" only.'
      : taken.includes(value) ? `"${value}" is already a provider: use Edit Provider… to change it, or pick another name.` : undefined,
  });
}

async function askKey(deps: ProviderDeps, preset: ProviderPreset, draft: ProviderDraft, serverSaid: string | undefined) {
  const where = preset.keyHint ? ` (${preset.keyHint})` : '';
  const optional = preset.key === 'optional';
  return checkedInput<{ apiKey: string | undefined; listing: ListProviderModelsResult | undefined }>({
    title: `${TITLE}: ${preset.label} API key`,
    prompt: optional
      ? `The server asked for a key${serverSaid ? ` (${serverSaid})` : ''}. Its API key, or leave empty to go on without one.`
      : `API key${where}. It is stored in VS Code's Secret Storage, never in settings, and tried at once.`,
    password: true,
    validate: (value) => {
      if (optional && value.trim() === '') return undefined;
      const parsed = parseKeyInput(value);
      return parsed.ok ? undefined : parsed.problem;
    },
    accept: async (value) => {
      if (optional && value.trim() === '') return { ok: true, value: { apiKey: undefined, listing: undefined } };
      const parsed = parseKeyInput(value);
      if (!parsed.ok) return { ok: false, problem: parsed.problem };
      const apiKey = parsed.keys[0];
      const listing = await deps.router.listProviderModels({ provider: draft, apiKey });
      if (!listing.ok) return { ok: false, problem: `That key did not work: ${listing.error}` };
      return { ok: true, value: { apiKey: parsed.keys.join(','), listing } };
    },
  });
}

async function chooseModels(
  preset: ProviderPreset, draft: ProviderDraft, listing: ListProviderModelsResult | undefined, local: boolean,
): Promise<string[] | undefined> {
  const listed = listing?.ok ? listing.models : [];
  if (listed.length === 0) {
    const why = listing?.ok ? `${draft.id} lists no models.` : `${draft.id} could not list its models${listing?.error ? ` (${listing.error})` : ''}.`;
    return typeModelIds(`${TITLE}: ${preset.label} models`, why);
  }
  const items = listed.map((model: ListedModel) => ({ id: model.id, label: model.id, description: describePrice(model, local) }));
  const suggested = suggestedModels(preset, listed);
  return pickMany(
    `${TITLE}: ${preset.label} models (${listed.length} listed)`,
    'Models the router may pick from (Space ticks; Enter or OK saves)',
    items, suggested,
  );
}

async function save(
  deps: ProviderDeps, draft: ProviderDraft, models: string[], listed: readonly ListedModel[], local: boolean,
  apiKey: string | undefined, verified: boolean,
): Promise<AddedProvider> {
  // The key first: when the new settings reach the server, the key is already there.
  if (apiKey !== undefined) {
    const parsed = parseKeyInput(apiKey);
    if (parsed.ok) {
      await deps.keys.set(draft.id, parsed.keys);
      await deps.pushKeys();
    }
  }
  const existing = userProviders();
  const entry = providerEntry({ draft, modelIds: models, listed, local });
  await writeUserProviders(mergeProvider(existing, entry));
  markSetupStep('providerAdded');
  if (verified) markSetupStep('keyWorks');
  const what = `${draft.id} with ${models.length === 1 ? '1 model' : `${models.length} models`}`;
  const next = 'Try Ask…';
  void vscode.window
    .showInformationMessage(
      verified
        ? `LLM Router: added ${what}; ${apiKey !== undefined ? 'its key works' : 'the server answers'}.`
        : `LLM Router: added ${what}; it could not list its models yet (Check Providers says why).`,
      next, 'Check Providers',
    )
    .then((picked) => picked === next
      ? vscode.commands.executeCommand('llmRouter.ask')
      : picked && vscode.commands.executeCommand('llmRouter.checkProviders'));
  return { entry, verified };
}

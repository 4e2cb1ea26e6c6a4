// "LLM Router: Edit Provider…" (its base URL, its models, its key) and "Remove Provider…"
// (also offers to delete its stored keys), on the user's own `llmRouter.providers`.
import * as vscode from 'vscode';
import type { ListedModel, ProviderDraft } from '../../../shared/protocol';
import { withoutTrailingSlashes } from '../../../shared/trailing-slashes';
import type { ProviderDeps } from './addProvider';
import { findProvider, mergeProvider, providerEntry, providerIdOf, withoutProvider, type ProviderEntry } from './providerEntry';
import { baseUrlProblem, describePrice, isLoopbackUrl } from './providerPresets';
import { checkedInput, pickMany, typeModelIds } from './steps';
import { userProviders, writeUserProviders } from './userProviders';

/** For tests and scripts: `{ providerId, baseUrl?, models? }` edits without any UI. */
export interface EditProviderArgs {
  providerId: string;
  baseUrl?: string;
  models?: string[];
}

export async function editProvider(deps: ProviderDeps, args?: EditProviderArgs): Promise<ProviderEntry | undefined> {
  const existing = userProviders();
  if (args) {
    const entry = findProvider(existing, args.providerId);
    if (!entry) throw new Error(`No provider "${args.providerId}" in your user settings.`);
    const draft = { ...draftOf(entry), ...(args.baseUrl ? { baseUrl: args.baseUrl } : {}) };
    return write(existing, entry, draft, args.models ?? entry.models.map((m) => m.id), []);
  }
  const entry = await pickProvider(existing, 'Edit Provider', 'Which provider?');
  if (!entry) return undefined;
  const actions = [
    { label: '$(list-selection) Choose models', description: `${entry.models.length} now`, action: 'models' as const },
    ...(entry.type === 'openai-compatible' || entry.baseUrl
      ? [{ label: '$(link) Change base URL', description: entry.baseUrl ?? '', action: 'url' as const }] : []),
    { label: '$(key) Change API key', description: 'stored in Secret Storage', action: 'key' as const },
  ];
  const picked = await vscode.window.showQuickPick(actions, { title: `LLM Router: Edit ${entry.id}` });
  if (!picked) return undefined;
  if (picked.action === 'key') {
    await vscode.commands.executeCommand('llmRouter.setApiKey', { providerId: entry.id });
    return entry;
  }
  const draft = draftOf(entry);
  if (picked.action === 'url') {
    const baseUrl = await checkedInput<string>({
      title: `LLM Router: ${entry.id} base URL`, prompt: 'The endpoint of the API (usually ending in /v1). Enter tries it.',
      value: entry.baseUrl, validate: baseUrlProblem,
      accept: async (value) => {
        const url = withoutTrailingSlashes(value.trim());
        const listing = await deps.router.listProviderModels({ provider: { ...draft, baseUrl: url } });
        return listing.ok ? { ok: true, value: url } : { ok: false, problem: `Could not list the models there: ${listing.error}` };
      },
    });
    if (!baseUrl) return undefined;
    return write(existing, entry, { ...draft, baseUrl }, entry.models.map((m) => m.id), []);
  }
  const listing = await deps.router.listProviderModels({ provider: draft });
  const configured = entry.models.map((m) => m.id);
  const local = isLoopbackUrl(draft.baseUrl);
  const listed = listing.ok ? listing.models : [];
  if (listed.length === 0) {
    const models = await typeModelIds(`LLM Router: ${entry.id} models`, `${entry.id} could not list its models (${listing.error ?? 'none listed'}).`);
    return models ? write(existing, entry, draft, models, []) : undefined;
  }
  // Configured models the provider does not list stay offered, so an edit never drops one silently.
  const items = [
    ...listed.map((m) => ({ id: m.id, label: m.id, description: describePrice(m, local) })),
    ...configured.filter((id) => !listed.some((m) => m.id === id)).map((id) => ({ id, label: id, description: 'configured; not in the provider\'s list' })),
  ];
  const models = await pickMany(`LLM Router: ${entry.id} models`, 'Space ticks or unticks a model, Enter saves.', items, configured);
  return models ? write(existing, entry, draft, models, listed) : undefined;
}

export async function removeProvider(deps: ProviderDeps, args?: { providerId: string; deleteKeys?: boolean }): Promise<boolean> {
  const existing = userProviders();
  const entry = args ? findProvider(existing, args.providerId) : await pickProvider(existing, 'Remove Provider', 'Which provider to remove?');
  if (!entry) return false;
  const keyCount = (await deps.keys.get(entry.id)).length;
  let deleteKeys = args?.deleteKeys ?? false;
  if (!args) {
    const remove = 'Remove';
    const removeAll = 'Remove and Delete Its Keys';
    const choice = await vscode.window.showWarningMessage(
      `Remove ${entry.id} (${entry.models.length} models) from LLM Router's providers?`,
      { modal: true, detail: keyCount > 0 ? `It has ${keyCount} stored key${keyCount === 1 ? '' : 's'} in Secret Storage.` : undefined },
      ...(keyCount > 0 ? [removeAll, remove] : [remove]),
    );
    if (!choice) return false;
    deleteKeys = choice === removeAll;
  }
  await writeUserProviders(withoutProvider(existing, entry.id));
  if (deleteKeys && keyCount > 0) {
    await deps.keys.set(entry.id, []);
    await deps.pushKeys();
  }
  void vscode.window.showInformationMessage(`LLM Router: removed ${entry.id}${deleteKeys && keyCount > 0 ? ' and its keys' : ''}.`);
  return true;
}

async function pickProvider(existing: unknown[], title: string, placeHolder: string): Promise<ProviderEntry | undefined> {
  const entries = existing.map(providerIdOf).filter((id): id is string => id !== undefined)
    .map((id) => findProvider(existing, id)).filter((e): e is ProviderEntry => e !== undefined);
  if (entries.length === 0) {
    const add = 'Add Provider…';
    const choice = await vscode.window.showInformationMessage('LLM Router: no provider is set up in your user settings yet.', add);
    if (choice === add) await vscode.commands.executeCommand('llmRouter.addProvider');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    entries.map((entry) => ({ label: entry.id, description: `${entry.type}${entry.baseUrl ? ` · ${entry.baseUrl}` : ''}`, detail: entry.models.map((m) => m.id).join(', '), entry })),
    { title: `LLM Router: ${title}`, placeHolder },
  );
  return picked?.entry;
}

function draftOf(entry: ProviderEntry): ProviderDraft {
  return { id: entry.id, type: entry.type, ...(entry.baseUrl ? { baseUrl: entry.baseUrl } : {}), ...(entry.apiKeyEnv ? { apiKeyEnv: entry.apiKeyEnv } : {}) };
}

async function write(existing: unknown[], previous: ProviderEntry, draft: ProviderDraft, models: string[], listed: readonly ListedModel[]): Promise<ProviderEntry> {
  const entry = providerEntry({ draft, modelIds: models, listed, local: isLoopbackUrl(draft.baseUrl), previous });
  await writeUserProviders(mergeProvider(existing, entry));
  void vscode.window.showInformationMessage(`LLM Router: ${entry.id} now has ${models.length === 1 ? '1 model' : `${models.length} models`}.`);
  return entry;
}

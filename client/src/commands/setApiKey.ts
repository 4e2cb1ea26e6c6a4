// "LLM Router: Set API Key…": stores, adds or removes a provider's keys in SecretStorage.
// Keys are typed into a password box and never shown, logged or written to settings.
import * as vscode from 'vscode';
import { describeKeyCount, isValidProviderId, mergeKeys, parseKeyInput } from '../secrets/keyInput';
import { configuredProviderIds } from '../server/readSettings';
import { keyCheckSentence } from '../diagnose/providerReport';
import { markSetupStep } from '../setup/setupProgress';
import type { CommandDeps } from './deps';

/**
 * For tests and scripts: `executeCommand('llmRouter.setApiKey', { providerId, keys })`;
 * `{ providerId }` alone asks for that provider's key (the error notifications' button).
 */
export interface SetApiKeyArgs {
  providerId: string;
  keys?: string | string[];
  remove?: boolean;
}

type KeyDeps = Pick<CommandDeps, 'keys' | 'router'> & { pushKeys: () => Promise<void> };

/** Resolves true when the stored keys changed. */
export async function setApiKey(deps: KeyDeps, args?: SetApiKeyArgs): Promise<boolean> {
  if (args !== undefined && (args.keys !== undefined || args.remove)) return setFromArgs(deps, args);
  const providerId = args?.providerId ?? await pickProvider(deps);
  if (!providerId || !isValidProviderId(providerId)) return false;
  const existing = await deps.keys.get(providerId);
  const action = existing.length === 0 ? 'replace' : await pickAction(providerId, existing.length);
  if (!action) return false;
  if (action === 'remove') return store(deps, providerId, []);
  const input = await vscode.window.showInputBox({
    title: `LLM Router: API key for ${providerId}`,
    prompt: action === 'add' ? 'Key(s) to add; separate several with commas.' : 'API key; several keys (used in turn) separated by commas.',
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => { const parsed = parseKeyInput(value); return parsed.ok ? undefined : parsed.problem; },
  });
  const parsed = input === undefined ? undefined : parseKeyInput(input);
  if (!parsed?.ok) return false;
  return store(deps, providerId, action === 'add' ? mergeKeys(existing, parsed.keys) : parsed.keys);
}

async function setFromArgs(deps: KeyDeps, args: SetApiKeyArgs): Promise<boolean> {
  if (!isValidProviderId(args.providerId)) throw new Error(`Invalid provider id "${args.providerId}".`);
  if (args.remove) return store(deps, args.providerId, []);
  const parsed = parseKeyInput(Array.isArray(args.keys) ? args.keys.join(',') : args.keys ?? '');
  if (!parsed.ok) throw new Error(parsed.problem);
  return store(deps, args.providerId, parsed.keys);
}

async function store(deps: KeyDeps, providerId: string, keys: string[]): Promise<boolean> {
  await deps.keys.set(providerId, keys);
  await deps.pushKeys();
  if (keys.length === 0) {
    void vscode.window.showInformationMessage(`LLM Router: removed the stored keys for ${providerId}.`);
    return true;
  }
  const stored = `LLM Router: ${describeKeyCount(keys.length)} for ${providerId}`;
  // Try the keys at once (listing models is free), so a mistyped or revoked key shows now.
  const verdict = await checkStoredKeys(deps, providerId);
  if (!verdict) void vscode.window.showInformationMessage(`${stored}.`);
  else if (verdict.ok) {
    markSetupStep('keyWorks');
    void vscode.window.showInformationMessage(`${stored}; ${verdict.text}.`);
  }
  else void vscode.window.showWarningMessage(`${stored}; ${verdict.text}.`);
  return true;
}

/** Undefined when the provider is not configured (yet) or the check itself could not run. */
async function checkStoredKeys(deps: KeyDeps, providerId: string): Promise<{ ok: boolean; text: string } | undefined> {
  try {
    const [check] = (await deps.router.checkProviders({ providerId })).providers;
    return check ? keyCheckSentence(check) : undefined;
  } catch {
    return undefined;
  }
}

async function pickProvider(deps: KeyDeps): Promise<string | undefined> {
  const configured = configuredProviderIds();
  const ids = [...new Set([...configured, ...(await deps.keys.providerIds())])];
  const items = await Promise.all(ids.map(async (id) => ({
    label: id,
    description: describeKeyCount((await deps.keys.get(id)).length),
    detail: configured.includes(id) ? undefined : 'Not in llmRouter.providers',
  })));
  // With no provider yet, a key has nowhere to go: setting one up (key included) comes first.
  const add = { label: '$(add) Add Provider…', description: 'OpenAI, Anthropic, OpenRouter, Ollama, LM Studio, any OpenAI-compatible URL' };
  const other = { label: '$(key) Another provider id…', description: '' };
  const choices = configured.length === 0 ? [add, ...items, other] : [...items, other, add];
  const picked = await vscode.window.showQuickPick(choices, {
    title: 'LLM Router: Set API Key', placeHolder: 'Which provider is the key for?',
  });
  if (!picked) return undefined;
  if (picked === add) {
    await vscode.commands.executeCommand('llmRouter.addProvider');
    return undefined;
  }
  if (picked !== other) return picked.label;
  return vscode.window.showInputBox({
    title: 'LLM Router: provider id',
    prompt: 'The provider id as used in llmRouter.providers (e.g. openai).',
    validateInput: (value) => (isValidProviderId(value) ? undefined : 'Letters, digits, ".", "_" or "-" only.'),
  });
}

async function pickAction(providerId: string, count: number): Promise<'replace' | 'add' | 'remove' | undefined> {
  const choices = [
    { label: 'Replace key', description: `replace the ${describeKeyCount(count).replace(' stored', '')}`, action: 'replace' as const },
    { label: 'Add key', description: 'use several keys in turn', action: 'add' as const },
    { label: 'Remove key', description: `forget every key of ${providerId}`, action: 'remove' as const },
  ];
  return (await vscode.window.showQuickPick(choices, { title: `LLM Router: keys of ${providerId}` }))?.action;
}

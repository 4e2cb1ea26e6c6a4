// Shared set-up of the extension-host suites: the activated extension's API, an in-process
// fake provider the router is pointed at through user settings, and polling helpers.
import * as vscode from 'vscode';
import type { LlmRouterApi } from '../../../client/src/extension';
import { FakeProviders } from '../../fakes/fake-providers';

export const EXTENSION_ID = 'llm-router.llm-router';
export const PROVIDER_ID = 'hostfake';
export const MODEL = 'small-model';
export const HOST_KEY = 'host-suite-key';

export async function extensionApi(): Promise<LlmRouterApi> {
  const extension = vscode.extensions.getExtension<LlmRouterApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
  return extension.activate();
}

/** Polls until `probe` returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sets a user setting and returns how to put the previous value back. */
export async function setUserSetting(key: string, value: unknown): Promise<() => Thenable<void>> {
  const config = vscode.workspace.getConfiguration();
  const previous = config.inspect(key)?.globalValue;
  await config.update(key, value, vscode.ConfigurationTarget.Global);
  return () => vscode.workspace.getConfiguration().update(key, previous, vscode.ConfigurationTarget.Global);
}

export interface FakeSetup {
  fake: FakeProviders;
  restore: () => Promise<void>;
}

/**
 * Starts a fake OpenAI-compatible provider, makes it the only configured provider (with
 * prices high enough that a request visibly costs something) and stores its key.
 * `moreModels` are configured after MODEL, e.g. a dearer one the router would not choose.
 */
export async function useFakeProvider(moreModels: object[] = []): Promise<FakeSetup> {
  const fake = await FakeProviders.start();
  const restores = [
    await setUserSetting('llmRouter.providers', [{
      id: PROVIDER_ID,
      type: 'openai-compatible',
      baseUrl: fake.openaiUrl,
      models: [{ id: MODEL, inputUsdPerMTok: 20, outputUsdPerMTok: 80, contextWindow: 128_000 }, ...moreModels],
    }]),
    await setUserSetting('llmRouter.cache.enabled', false),
  ];
  await vscode.commands.executeCommand('llmRouter.setApiKey', { providerId: PROVIDER_ID, keys: [HOST_KEY] });
  return {
    fake,
    restore: async () => {
      await vscode.commands.executeCommand('llmRouter.setApiKey', { providerId: PROVIDER_ID, remove: true });
      for (const restore of restores.reverse()) await restore();
      await fake.stop();
    },
  };
}

/** Opens an untitled TypeScript document and selects `selected` in it. */
export async function editorWith(text: string, selected: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'typescript', content: text });
  const editor = await vscode.window.showTextDocument(document);
  const start = text.indexOf(selected);
  if (start < 0) throw new Error(`"${selected}" is not in the test document`);
  editor.selection = new vscode.Selection(document.positionAt(start), document.positionAt(start + selected.length));
  return editor;
}

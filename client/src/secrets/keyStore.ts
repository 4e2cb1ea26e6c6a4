// API keys live only in VS Code's SecretStorage (the OS keychain), one entry per provider
// (`llmRouter.apiKey.<providerId>`, a JSON array so a provider can have several keys).
// SecretStorage cannot list its entries, so the provider ids are kept in one more entry.
import * as vscode from 'vscode';
import { decodeStoredKeys, encodeStoredKeys } from './keyInput';

const KEY_PREFIX = 'llmRouter.apiKey.';
const INDEX_KEY = 'llmRouter.apiKeyProviders';

export class KeyStore implements vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  /** Fires when any stored key changes, in this window or another one. */
  readonly onDidChange = this.changes.event;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((event) => {
      if (event.key === INDEX_KEY || event.key.startsWith(KEY_PREFIX)) this.changes.fire();
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changes.dispose();
  }

  async providerIds(): Promise<string[]> {
    return decodeStoredKeys(await this.secrets.get(INDEX_KEY));
  }

  async get(providerId: string): Promise<string[]> {
    return decodeStoredKeys(await this.secrets.get(KEY_PREFIX + providerId));
  }

  async set(providerId: string, keys: string[]): Promise<void> {
    if (keys.length === 0) return this.remove(providerId);
    await this.secrets.store(KEY_PREFIX + providerId, encodeStoredKeys(keys));
    const ids = await this.providerIds();
    if (!ids.includes(providerId)) await this.secrets.store(INDEX_KEY, encodeStoredKeys([...ids, providerId]));
  }

  async remove(providerId: string): Promise<void> {
    await this.secrets.delete(KEY_PREFIX + providerId);
    const ids = await this.providerIds();
    if (ids.includes(providerId)) {
      await this.secrets.store(INDEX_KEY, encodeStoredKeys(ids.filter((id) => id !== providerId)));
    }
  }

  /** Every stored key by provider id, the shape of `router/setApiKeys`. */
  async all(): Promise<Record<string, string[]>> {
    const result: Record<string, string[]> = {};
    for (const id of await this.providerIds()) {
      const keys = await this.get(id);
      if (keys.length > 0) result[id] = keys;
    }
    return result;
  }
}

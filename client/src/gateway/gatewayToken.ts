// The gateway's token lives in SecretStorage (the OS keychain), so it survives restarts
// and agents configured once keep working. Generated on first use: 32 random bytes.
import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

export const GATEWAY_TOKEN_SECRET = 'llmRouter.gatewayToken';

export async function gatewayToken(secrets: vscode.SecretStorage): Promise<string> {
  const stored = await secrets.get(GATEWAY_TOKEN_SECRET);
  if (stored && stored.length >= 32) return stored;
  const token = newToken();
  await secrets.store(GATEWAY_TOKEN_SECRET, token);
  return token;
}

/** 43 URL-safe characters: fine in a header, a shell variable, YAML or JSON without quoting. */
export function newToken(): string {
  return `llmr-${randomBytes(32).toString('base64url')}`;
}

// The developer's team gateway token lives in SecretStorage (the OS keychain), like API keys:
// never in settings or logs; the router server gets it in its initialization options.
import type * as vscode from 'vscode';

export const TEAM_TOKEN_SECRET = 'llmRouter.teamGatewayToken';

export async function readTeamToken(secrets: vscode.SecretStorage): Promise<string | undefined> {
  return (await secrets.get(TEAM_TOKEN_SECRET)) || undefined;
}

export async function storeTeamToken(secrets: vscode.SecretStorage, token: string | undefined): Promise<void> {
  if (token) await secrets.store(TEAM_TOKEN_SECRET, token);
  else await secrets.delete(TEAM_TOKEN_SECRET);
}

// "LLM Router: Connect to Team Gateway…" and "Disconnect from Team Gateway". Connect asks for
// the address and the token, tries them at once (GET /v1/router/usage), and saves them only
// when the gateway accepts: the URL in user settings, the token in SecretStorage. The
// TeamController then restarts the router server in team mode.
import * as vscode from 'vscode';
import { formatUsd } from '../format/money';
import type { RouterConnection } from '../server/routerConnection';
import { configuredTeamGateway, setTeamGateway } from './teamSettings';
import { storeTeamToken } from './teamToken';
import { tryTeamGateway } from './tryTeamGateway';
import { disconnectedMessage } from './disconnectMessage';

/** For tests and scripts: `executeCommand('llmRouter.connectTeamGateway', { url, token })` asks nothing. */
export interface ConnectTeamArgs {
  url: string;
  token: string;
}

export interface TeamDeps {
  router: RouterConnection;
  secrets: vscode.SecretStorage;
  log: vscode.LogOutputChannel;
}

/** Resolves with the gateway's base URL once connected, undefined when cancelled or refused. */
export async function connectTeamGateway(deps: TeamDeps, args?: ConnectTeamArgs): Promise<string | undefined> {
  const url = args?.url ?? (await askUrl());
  if (!url) return undefined;
  const token = args?.token ?? (await askToken(url));
  if (!token) return undefined;
  const tried = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'LLM Router: trying the team gateway…' },
    () => tryTeamGateway(url, token.trim(), deps.router.workspaceId),
  );
  if (!tried.ok) {
    deps.log.warn(`Team gateway not connected: ${tried.message}`);
    const message = `LLM Router: ${tried.message}`;
    if (args) throw new Error(message);
    void vscode.window.showErrorMessage(message);
    return undefined;
  }
  await storeTeamToken(deps.secrets, token.trim());
  await setTeamGateway(tried.base);
  deps.log.info(`connected to the team gateway ${tried.base}`); // never the token
  void vscode.window.showInformationMessage(
    `LLM Router: connected to the team gateway ${tried.base}. Your requests go there from now on (you have spent ${formatUsd(tried.usage.today.costUsd)} today).`,
  );
  return tried.base;
}

export async function disconnectTeamGateway(deps: TeamDeps): Promise<boolean> {
  const gateway = configuredTeamGateway();
  await setTeamGateway(undefined);
  await storeTeamToken(deps.secrets, undefined);
  if (gateway) deps.log.info(`disconnected from the team gateway ${gateway}`);
  void vscode.window.showInformationMessage(disconnectedMessage(gateway));
  return gateway !== undefined;
}

function askUrl(): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: 'LLM Router: Connect to Team Gateway (1/2)',
    prompt: "Your team gateway's address, from your team admin",
    placeHolder: 'https://llm.example.com/v1',
    value: configuredTeamGateway() ?? '',
    ignoreFocusOut: true,
    validateInput: (value) => (/^https?:\/\/\S+$/i.test(value.trim()) ? undefined : 'An http(s) address, e.g. https://llm.example.com/v1'),
  });
}

function askToken(url: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: 'LLM Router: Connect to Team Gateway (2/2)',
    prompt: `Your token for ${url} (kept in the OS keychain, never in settings)`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim().length > 0 ? undefined : 'Paste the token your team admin gave you'),
  });
}

// Start Gateway / Stop Gateway / Copy Gateway Configuration…: the HTTP gateway hosted in the
// router server, for coding agents outside VS Code. What the commands return never holds
// the token (any extension can run a command); the user copies it from the notification.
import * as vscode from 'vscode';
import type { GatewayStatus } from '../../../shared/protocol';
import { showError } from '../errors/showError';
import { agentConfigurations } from '../gateway/agentConfigs';
import type { GatewayController } from '../gateway/gatewayController';
import { configurationCopiedMessage, gatewayStartedMessage, gatewayStoppedMessage, START_WITH_VSCODE } from '../gateway/gatewayDescription';

export interface GatewayDeps {
  gateway: GatewayController;
}

export type PublicGatewayStatus = Omit<GatewayStatus, 'token'>;

export async function startGateway(deps: GatewayDeps): Promise<PublicGatewayStatus | undefined> {
  try {
    const status = await deps.gateway.start();
    void offerCopies(status, gatewayStartedMessage(status, deps.gateway.naming));
    return withoutToken(status);
  } catch (error) {
    showError(error, 'Starting the gateway');
    return undefined;
  }
}

export async function stopGateway(deps: GatewayDeps): Promise<PublicGatewayStatus | undefined> {
  try {
    const before = deps.gateway.status;
    const status = await deps.gateway.stop();
    void vscode.window.showInformationMessage(gatewayStoppedMessage(before, startsWithVsCode()));
    return status;
  } catch (error) {
    showError(error, 'Stopping the gateway');
    return undefined;
  }
}

export interface CopyConfigurationOptions {
  /** An id of agentConfigurations() (`openai-env`, `anthropic-env`, `continue`, `opencode`, `codex`, `aider`, `cline`): no quick pick. */
  agent?: string;
}

/** Starts the gateway if needed, lets the user pick an agent and copies its configuration. */
export async function copyGatewayConfiguration(deps: GatewayDeps, options?: CopyConfigurationOptions): Promise<{ agent: string } | undefined> {
  let status = deps.gateway.status;
  try {
    if (!status.running) status = await deps.gateway.start();
  } catch (error) {
    showError(error, 'Starting the gateway');
    return undefined;
  }
  if (!status.url || !status.token) return undefined;
  const configs = agentConfigurations({ url: status.url, token: status.token });
  const chosen = options?.agent
    ? configs.find((c) => c.id === options.agent)
    : await vscode.window.showQuickPick(
        configs.map((c) => ({ label: c.label, detail: c.detail, config: c })),
        { title: `Copy Gateway Configuration (${status.url})`, placeHolder: 'Which agent should use the LLM Router gateway?' },
      ).then((item) => item?.config);
  if (!chosen) return undefined;
  await vscode.env.clipboard.writeText(chosen.text);
  void offerToKeepRunning(configurationCopiedMessage(chosen.label, status, startsWithVsCode(), deps.gateway.naming));
  return { agent: chosen.id };
}

function startsWithVsCode(): boolean {
  return vscode.workspace.getConfiguration('llmRouter.gateway').get<boolean>('enabled') === true;
}

/** The message after a copy; while the gateway does not start with VS Code, a button turns that on. */
async function offerToKeepRunning(message: string): Promise<void> {
  const choice = await (startsWithVsCode()
    ? vscode.window.showInformationMessage(message)
    : vscode.window.showInformationMessage(message, START_WITH_VSCODE));
  if (choice === START_WITH_VSCODE) {
    await vscode.workspace.getConfiguration('llmRouter.gateway').update('enabled', true, vscode.ConfigurationTarget.Global);
  }
}

async function offerCopies(status: GatewayStatus, message: string): Promise<void> {
  const choice = await vscode.window.showInformationMessage(message, 'Copy URL', 'Copy Token', 'Configure an Agent…');
  if (choice === 'Copy URL' && status.url) await vscode.env.clipboard.writeText(status.url);
  if (choice === 'Copy Token' && status.token) await vscode.env.clipboard.writeText(status.token);
  if (choice === 'Configure an Agent…') await vscode.commands.executeCommand('llmRouter.copyGatewayConfiguration');
}

function withoutToken(status: GatewayStatus): PublicGatewayStatus {
  const { token: _token, ...rest } = status;
  return rest;
}

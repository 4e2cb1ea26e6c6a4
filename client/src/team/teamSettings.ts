// Where the team gateway is, as the user set it (`llmRouter.team.gatewayUrl`, user settings only).
import * as vscode from 'vscode';
import { teamGatewayBase } from '../../../shared/team-gateway';

export const TEAM_SETTING = 'llmRouter.team';

/** The team gateway's base URL (ending in /v1) in team mode; undefined when the extension routes with its own providers. */
export function configuredTeamGateway(): string | undefined {
  const typed = vscode.workspace.getConfiguration(TEAM_SETTING).get<string | null>('gatewayUrl');
  return typed ? teamGatewayBase(typed) : undefined;
}

export async function setTeamGateway(base: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration(TEAM_SETTING).update('gatewayUrl', base, vscode.ConfigurationTarget.Global);
}

// Commands that send a request check first that something can answer. With no provider
// configured (and no team gateway answering instead), a question or an instruction the user
// typed would only be lost to an error; the fix is offered before any input is asked for.
import * as vscode from 'vscode';
import { offerFixes } from '../errors/showError';
import { configuredProviderIds } from '../server/readSettings';
import { configuredTeamGateway } from '../team/teamSettings';

export const NO_PROVIDER_MESSAGE =
  'LLM Router: no provider is set up yet. Add one (OpenAI, Anthropic, OpenRouter, a local server…) and then ask again.';

/** True when the command may go on; false after offering Add Provider… instead. */
export function providerReady(): boolean {
  if (configuredProviderIds().length > 0 || configuredTeamGateway() !== undefined) return true;
  // Not awaited: the command ends now, the toast stays until it is answered.
  void offerFixes((m, ...items) => vscode.window.showWarningMessage(m, ...items), NO_PROVIDER_MESSAGE, { silent: false, message: NO_PROVIDER_MESSAGE, actions: ['addProvider', 'openProviderSettings'] });
  return false;
}

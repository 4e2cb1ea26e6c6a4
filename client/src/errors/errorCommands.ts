// Which VS Code command does each fix a failed request offers, and with what arguments. Pure
// (no vscode import): a notification (showError.ts) runs it when its button is pressed, and the
// Chat view (chat/participant.ts) shows it as a button under the error, so both faces offer the
// same fixes for the same failure.
import type { ErrorAction, ErrorReport } from './describeError';

export interface ErrorCommand {
  title: string;
  command: string;
  arguments: unknown[];
}

const COMMANDS: Record<ErrorAction, (report: ErrorReport) => ErrorCommand> = {
  addProvider: () => ({ title: 'Add Provider…', command: 'llmRouter.addProvider', arguments: [] }),
  setApiKey: (report) => ({
    title: 'Set API Key…',
    command: 'llmRouter.setApiKey',
    // The provider whose key failed, so the picker is skipped; none named: the user picks.
    arguments: report.providerId ? [{ providerId: report.providerId }] : [],
  }),
  checkProviders: () => ({ title: 'Check Providers', command: 'llmRouter.checkProviders', arguments: [] }),
  openBudgetSettings: () => ({ title: 'Budget Settings', command: 'workbench.action.openSettings', arguments: ['llmRouter.budget'] }),
  openProviderSettings: () => ({ title: 'Provider Settings', command: 'workbench.action.openSettings', arguments: ['llmRouter.providers'] }),
  showLog: () => ({ title: 'Show Log', command: 'llmRouter.showLog', arguments: [] }),
  connectTeamGateway: () => ({ title: 'Connect to Team Gateway…', command: 'llmRouter.connectTeamGateway', arguments: [] }),
  disconnectTeamGateway: () => ({ title: 'Disconnect', command: 'llmRouter.disconnectTeamGateway', arguments: [] }),
};

/** The report's fixes as commands, the real fix first (the order describeError chose). */
export function errorCommands(report: ErrorReport): ErrorCommand[] {
  return report.actions.map((action) => COMMANDS[action](report));
}

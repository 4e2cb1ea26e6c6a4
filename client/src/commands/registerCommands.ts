// Binds every palette command to its handler. Handlers return their result, so tests and
// other extensions calling `vscode.commands.executeCommand` can check what happened.
import * as vscode from 'vscode';
import { ask } from './ask';
import { askWithModel, type AskWithModelOptions } from './askWithModel';
import { checkProviders, type CheckProvidersOptions } from './checkProviders';
import { completeAtCursor } from './complete';
import type { CommandDeps } from './deps';
import { explainSelection } from './explain';
import { providerReady } from './providerFirst';
import { exportUsage, type ExportOptions } from './exportUsage';
import { copyGatewayConfiguration, startGateway, stopGateway, type CopyConfigurationOptions, type GatewayDeps } from './gateway';
import { refactorSelection, type RefactorOptions } from './refactor';
import { restartServer } from './restartServer';
import type { SpendStatus } from '../status/spendStatus';
import { setApiKey, type SetApiKeyArgs } from './setApiKey';
import { summarize } from './summarize';
import { addProvider, type AddProviderArgs } from '../setup/addProvider';
import { connectTeamGateway, disconnectTeamGateway, type ConnectTeamArgs } from '../team/teamCommands';
import { editProvider, removeProvider, type EditProviderArgs } from '../setup/editProvider';

export const COMMAND_IDS = [
  'llmRouter.explainSelection', 'llmRouter.summarize', 'llmRouter.ask', 'llmRouter.askWithModel',
  'llmRouter.refactorSelection', 'llmRouter.completeAtCursor', 'llmRouter.showDashboard', 'llmRouter.setApiKey',
  'llmRouter.exportUsage', 'llmRouter.showLog', 'llmRouter.checkProviders',
  'llmRouter.startGateway', 'llmRouter.stopGateway', 'llmRouter.copyGatewayConfiguration',
  'llmRouter.addProvider', 'llmRouter.editProvider', 'llmRouter.removeProvider',
  'llmRouter.connectTeamGateway', 'llmRouter.disconnectTeamGateway', 'llmRouter.restartServer',
] as const;

type Handlers = Record<(typeof COMMAND_IDS)[number], (arg?: unknown) => unknown>;

/** A request command runs only when something can answer; otherwise Add Provider… is offered first. */
const whenReady = <T>(run: () => T): T | undefined => (providerReady() ? run() : undefined);

export function registerCommands(
  deps: CommandDeps & GatewayDeps & { pushKeys: () => Promise<void>; secrets: vscode.SecretStorage; status: SpendStatus },
): vscode.Disposable[] {
  const handlers: Handlers = {
    'llmRouter.explainSelection': () => whenReady(() => explainSelection(deps)),
    'llmRouter.summarize': () => whenReady(() => summarize(deps)),
    'llmRouter.ask': (question) => whenReady(() => ask(deps, question)),
    'llmRouter.askWithModel': (arg) => whenReady(() => askWithModel(deps, optionsArg<AskWithModelOptions>(arg, ['question', 'model']))),
    'llmRouter.refactorSelection': (arg) => whenReady(() => refactorSelection(deps, optionsArg<RefactorOptions>(arg, ['instruction', 'apply']))),
    'llmRouter.completeAtCursor': () => whenReady(() => completeAtCursor(deps)),
    'llmRouter.showDashboard': () => deps.dashboard.show(),
    'llmRouter.setApiKey': (arg) => setApiKey(deps, optionsArg<SetApiKeyArgs>(arg, ['providerId'])),
    'llmRouter.exportUsage': (arg) => exportUsage(deps, optionsArg<ExportOptions>(arg, ['uri', 'format'])),
    'llmRouter.showLog': () => deps.log.show(),
    'llmRouter.checkProviders': (arg) => checkProviders(deps, optionsArg<CheckProvidersOptions>(arg, ['providerId'])),
    'llmRouter.startGateway': () => startGateway(deps),
    'llmRouter.stopGateway': () => stopGateway(deps),
    'llmRouter.copyGatewayConfiguration': (arg) => copyGatewayConfiguration(deps, optionsArg<CopyConfigurationOptions>(arg, ['agent'])),
    'llmRouter.addProvider': (arg) => addProvider(deps, optionsArg<AddProviderArgs>(arg, ['preset'])),
    'llmRouter.editProvider': (arg) => editProvider(deps, optionsArg<EditProviderArgs>(arg, ['providerId'])),
    'llmRouter.removeProvider': (arg) => removeProvider(deps, optionsArg<{ providerId: string }>(arg, ['providerId'])),
    'llmRouter.connectTeamGateway': (arg) => connectTeamGateway(deps, optionsArg<ConnectTeamArgs>(arg, ['url', 'token'])),
    'llmRouter.disconnectTeamGateway': () => disconnectTeamGateway(deps),
    'llmRouter.restartServer': () => restartServer(deps),
  };
  return COMMAND_IDS.map((id) => vscode.commands.registerCommand(id, handlers[id]));
}

/**
 * Menus pass their own argument (an editor context menu passes the file's Uri), so an
 * argument counts as options only when it is a plain object with one of the known fields.
 */
function optionsArg<T extends object>(arg: unknown, fields: (keyof T & string)[]): T | undefined {
  if (typeof arg !== 'object' || arg === null || arg instanceof vscode.Uri) return undefined;
  return fields.some((field) => field in arg) ? (arg as T) : undefined;
}

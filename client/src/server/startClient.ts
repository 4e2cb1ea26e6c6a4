// Creates the language client that starts the router server (dist/server.js) and keeps
// it running: settings go over workspace/didChangeConfiguration, keys only in
// initializationOptions and router/setApiKeys (the team gateway token in initializationOptions),
// never in settings or logs.
import * as vscode from 'vscode';
import { DidChangeConfigurationNotification } from 'vscode-languageclient';
import {
  CloseAction, ErrorAction, LanguageClient, TransportKind,
  type CloseHandlerResult, type ErrorHandler, type ErrorHandlerResult, type LanguageClientOptions, type ServerOptions,
} from 'vscode-languageclient/node';
import { serverEnvironment } from '../../../shared/server-env';
import type { InitOptions } from '../../../shared/settings';
import { readRouterSettings } from './readSettings';
import type { ServerStop } from './serverNotices';

export const CLIENT_ID = 'llmRouter';

export interface ClientInputs {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  /** Node executable for the server, or undefined to reuse the extension host's. */
  runtime: string | undefined;
  /** Read at every (re)start, so a restarted server gets the keys stored since. */
  currentKeys: () => Record<string, string[]>;
  /** The team gateway token in team mode (SecretStorage), read at every (re)start like the keys. */
  currentTeamToken: () => string | undefined;
  /** Told when the server stopped on its own (not by stop()), and whether it is being started again. */
  onServerStopped?: (stop: ServerStop, stopsInARow: number) => void;
}

export function createLanguageClient({ context, log, runtime, currentKeys, currentTeamToken, onServerStopped }: ClientInputs): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  // The language client adds these to the extension host's environment.
  const env = serverEnvironment(process.env);
  const serverOptions: ServerOptions = {
    run: { module, runtime, transport: TransportKind.stdio, options: { env } },
    debug: { module, runtime, transport: TransportKind.stdio, options: { env, execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  let client: LanguageClient | undefined;
  const clientOptions: LanguageClientOptions = {
    // The server needs no document sync: requests carry the text they are about.
    documentSelector: [{ scheme: 'file' }, { scheme: 'untitled' }],
    synchronize: { configurationSection: CLIENT_ID },
    initializationOptions: (): InitOptions => ({
      storageDir: context.globalStorageUri.fsPath,
      settings: readRouterSettings(),
      apiKeys: currentKeys(),
      teamToken: currentTeamToken(),
    }),
    outputChannel: log,
    errorHandler: new RestartingErrorHandler(Date.now, onServerStopped),
    middleware: {
      workspace: {
        // The stock payload would carry `null` for unset optional settings; send the cleaned object.
        didChangeConfiguration: async () => {
          await client?.sendNotification(DidChangeConfigurationNotification.type, {
            settings: { [CLIENT_ID]: readRouterSettings() },
          });
        },
      },
    },
  };
  client = new LanguageClient(CLIENT_ID, 'LLM Router', serverOptions, clientOptions);
  return client;
}

const RESTART_WINDOW_MS = 3 * 60 * 1000;
const MAX_RESTARTS = 5;

/**
 * Restarts a crashed server, but gives up when it keeps crashing (a broken install). Either way
 * the user is told (`onStopped`): a server that died, and the requests it took with it, must not
 * pass unseen, and one that stays stopped must say how to start it again.
 */
export class RestartingErrorHandler implements ErrorHandler {
  private restarts: number[] = [];

  constructor(
    private readonly now: () => number = Date.now,
    private readonly onStopped: (stop: ServerStop, stopsInARow: number) => void = () => undefined,
  ) {}

  error(_error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    // A few garbled messages are survivable; a stream that keeps failing is not.
    return { action: count !== undefined && count > 3 ? ErrorAction.Shutdown : ErrorAction.Continue };
  }

  closed(): CloseHandlerResult {
    const now = this.now();
    this.restarts = this.restarts.filter((at) => now - at < RESTART_WINDOW_MS);
    if (this.restarts.length >= MAX_RESTARTS) {
      this.onStopped('gave-up', this.restarts.length + 1);
      return {
        action: CloseAction.DoNotRestart,
        message: `The LLM Router server stopped ${MAX_RESTARTS + 1} times in 3 minutes and will not be restarted. ` +
          'See "LLM Router: Show Log", then run "LLM Router: Restart Server".',
        // Shown by onStopped, with Restart Server as its first button.
        handled: true,
      };
    }
    this.restarts.push(now);
    this.onStopped('restarting', this.restarts.length);
    return { action: CloseAction.Restart, message: 'The LLM Router server stopped; restarting it.', handled: true };
  }
}

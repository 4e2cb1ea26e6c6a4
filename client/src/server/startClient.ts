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
}

export function createLanguageClient({ context, log, runtime, currentKeys, currentTeamToken }: ClientInputs): LanguageClient {
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
    errorHandler: new RestartingErrorHandler(),
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

/** Restarts a crashed server, but gives up when it keeps crashing (a broken install). */
export class RestartingErrorHandler implements ErrorHandler {
  private restarts: number[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  error(_error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    // A few garbled messages are survivable; a stream that keeps failing is not.
    return { action: count !== undefined && count > 3 ? ErrorAction.Shutdown : ErrorAction.Continue };
  }

  closed(): CloseHandlerResult {
    const now = this.now();
    this.restarts = this.restarts.filter((at) => now - at < RESTART_WINDOW_MS);
    if (this.restarts.length >= MAX_RESTARTS) {
      return {
        action: CloseAction.DoNotRestart,
        message: `The LLM Router server stopped ${MAX_RESTARTS} times in 3 minutes and will not be restarted. ` +
          'See "LLM Router: Show Log", then reload the window.',
      };
    }
    this.restarts.push(now);
    return { action: CloseAction.Restart, message: 'The LLM Router server stopped; restarting it.', handled: true };
  }
}

// "LLM Router" in VS Code's model picker and for `vscode.lm.selectChatModels({ vendor:
// 'llm-router' })`: `auto` routes each request, every configured model can be picked too.
// Each request becomes one router/execute with the whole conversation and its tools,
// recorded under this workspace (and its budget) and the extension that asked.
import * as vscode from 'vscode';
import { ErrorCodes } from '../../../shared/protocol';
import { describeError } from '../errors/describeError';
import type { RouterConnection } from '../server/routerConnection';
import { languageModelErrorCode } from './errorCode';
import { aliasNames, modelInformation, provisionalListing, VENDOR, type ChatModelInformation } from './modelInformation';
import { requestClient } from './requestClient';
import { ResponseAssembler } from './responseParts';
import { toConversation } from './toConversation';
import { samplingOptions, toolChoice, toolDefinitions } from './toolOptions';
import { requestMessage, responsePart } from './vscodeParts';

export class RouterChatModels implements vscode.LanguageModelChatProvider<ChatModelInformation>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;

  constructor(private readonly router: RouterConnection, private readonly log: vscode.LogOutputChannel) {}

  /** VS Code asks for models only when something needs them: tell it they (may) have changed. */
  announce(): void {
    this.changed.fire();
  }

  async provideLanguageModelChatInformation(_options: vscode.PrepareLanguageModelChatModelOptions, token: vscode.CancellationToken) {
    const settings = vscode.workspace.getConfiguration('llmRouter');
    const aliases = aliasNames(settings.get('aliases'));
    if (!this.router.isRunning()) {
      // Announced again once the server runs (registerLanguageModels), with its real listing.
      return modelInformation(provisionalListing(settings.get('providers')), aliases);
    }
    try {
      return modelInformation((await this.router.models(token)).models, aliases);
    } catch (error) {
      this.log.warn(`Could not list the router's models for VS Code: ${describeError(error).message}`);
      return [];
    }
  }

  async provideLanguageModelChatResponse(
    model: ChatModelInformation,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const assembler = new ResponseAssembler();
    const client = requestClient(options);
    try {
      const result = await this.router.execute({
        messages: toConversation(messages.map(requestMessage)),
        tools: toolDefinitions(options.tools),
        toolChoice: toolChoice(options.toolMode, options.tools),
        model: model.id,
        client,
        ...samplingOptions(options.modelOptions),
      }, (update) => assembler.progress(update).forEach((part) => progress.report(responsePart(part))), token);
      assembler.finish(result).forEach((part) => progress.report(responsePart(part)));
      this.log.info(`Language model request from ${client}: ${result.model}, ${result.usage.costUsd} USD, ${result.latencyMs} ms`);
    } catch (error) {
      const report = describeError(error);
      if (token.isCancellationRequested || (error as { code?: unknown }).code === ErrorCodes.RequestCancelled) {
        throw new vscode.CancellationError();
      }
      throw languageModelError(`LLM Router: ${report.message}`, error);
    }
  }

  async provideTokenCount(
    _model: ChatModelInformation, text: string | vscode.LanguageModelChatRequestMessage, token: vscode.CancellationToken,
  ): Promise<number> {
    if (typeof text === 'string') return this.router.countTokens({ text }, token);
    return this.router.countTokens({ messages: toConversation([requestMessage(text)]) }, token);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/**
 * A LanguageModelError, which VS Code hands to the calling extension as one (a plain Error
 * arrives as a plain Error): with the code it can act on when there is one (the budget
 * blocks it, no model can take it), otherwise without.
 */
function languageModelError(message: string, error: unknown): vscode.LanguageModelError {
  const code = languageModelErrorCode(error);
  if (code === 'Blocked') return vscode.LanguageModelError.Blocked(message);
  if (code === 'NotFound') return vscode.LanguageModelError.NotFound(message);
  return new vscode.LanguageModelError(message);
}

/** Registers the provider and announces its models at start and whenever they may change. */
export function registerLanguageModels(router: RouterConnection, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const models = new RouterChatModels(router, log);
  const registration = vscode.lm.registerLanguageModelChatProvider(VENDOR, models);
  models.announce();
  return [
    registration,
    models,
    router.onDidStart(() => models.announce()),
    vscode.workspace.onDidChangeConfiguration((change) => {
      if (change.affectsConfiguration('llmRouter.providers') || change.affectsConfiguration('llmRouter.aliases')) models.announce();
    }),
  ];
}

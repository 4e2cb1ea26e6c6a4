// "LLM Router: Ask with Model…": Ask's question, then every model that could take it with its
// estimated cost for this very request (router/route: a decision only, nothing is billed),
// the router's choice first; the answer streams in from the model the user picks.
import * as vscode from 'vscode';
import type { ExecuteResult } from '../../../shared/protocol';
import type { CommandDeps } from './deps';
import { modelChoices } from './modelChoices';
import { questionContext, questionAction, questionTitle, readQuestion } from './question';
import { withProgress } from './runWithProgress';
import { streamAnswer } from './streamAnswer';

const TITLE = 'LLM Router: Ask with Model';

/** For tests and scripts: `executeCommand('llmRouter.askWithModel', { question, model })`. */
export interface AskWithModelOptions {
  /** Skips the input box. */
  question?: string;
  /** Skips the quick pick: answers with this model (`providerId/modelId`). */
  model?: string;
}

/** Resolves with the answer, or undefined when cancelled or when it failed (already shown). */
export async function askWithModel(
  deps: Pick<CommandDeps, 'router' | 'answers' | 'log'>, options: AskWithModelOptions = {},
): Promise<ExecuteResult | undefined> {
  const prompt = await readQuestion(TITLE, options.question);
  if (!prompt) return undefined;
  const document = questionContext();
  const route = await withProgress('Ask with Model', (token) => deps.router.route({ prompt, document }, token), 'choosing…');
  if (!route) return undefined;
  const choices = modelChoices(route);
  if (choices.length === 0) {
    void vscode.window.showWarningMessage('LLM Router: no configured model can take this request.');
    return undefined;
  }
  const model = typeof options.model === 'string' && options.model !== '' ? options.model : (await vscode.window.showQuickPick(choices, {
    title: TITLE,
    placeHolder: 'Pick the model to answer; costs are estimates for this request',
    matchOnDescription: true,
    ignoreFocusOut: true,
  }))?.model;
  if (!model) return undefined;
  deps.log.info(`Ask with Model: ${model} picked (router's choice ${route.model}, kind ${route.kind})`);
  // The routed kind, so the request is decided as the list the user picked from was.
  const title = questionTitle(prompt);
  return streamAnswer(deps, { title, action: questionAction(title), kind: route.kind, prompt, document, model });
}

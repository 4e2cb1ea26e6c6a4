// Shared by Explain, Summarize, Ask and Ask with Model: runs one request with streaming into
// the answer panel, under a cancellable progress notification.
import * as vscode from 'vscode';
import type { DocumentInput, ExecuteResult, Kind } from '../../../shared/protocol';
import { showError } from '../errors/showError';
import { StreamedRefusal } from '../format/refusal';
import type { CommandDeps } from './deps';
import { RepeatedRequests } from './repeatedRequests';

/** Answers of this window, to notice the same request asked again (a "retried" signal for the router). */
const repeated = new RepeatedRequests();

export interface AnswerRequest {
  title: string;
  /** What a failure calls the request ("Ask “…”"), when the title alone would not read as one; default: the title. */
  action?: string;
  /** Undefined lets the server's classifier decide. */
  kind: Kind | undefined;
  prompt?: string;
  document?: DocumentInput;
  /** Forces this model (`providerId/modelId`); fallback still applies when it fails. */
  model?: string;
  /** The title of the same request asked as another kind ("Answer as"); absent: no "Answer as". */
  retitle?: (kind: Kind) => string;
}

/** Resolves with the result, or undefined when it failed or was cancelled (already shown). */
export function streamAnswer(deps: Pick<CommandDeps, 'router' | 'answers'>, request: AnswerRequest): Promise<ExecuteResult | undefined> {
  // Asked again soon after its answer: that answer was not good enough.
  const again = repeated.repeats(request);
  if (again) deps.router.feedback(again.kind, again.model, 'retried');
  const retitle = request.retitle;
  const view = deps.answers.begin(request.title, retitle && ((kind) => streamAnswer(deps, { ...request, kind, title: retitle(kind) })));
  const options = { location: vscode.ProgressLocation.Notification, title: `LLM Router: ${request.title}`, cancellable: true };
  return Promise.resolve(vscode.window.withProgress(options, async (progress, token) => {
    progress.report({ message: request.model ? 'asking the model you picked…' : 'choosing a model…' });
    let answering = false;
    // A model that declines: its words show as they arrive, inside the notice saying so (the whole text replaces them at the end).
    const refusal = new StreamedRefusal();
    let wroteText = false;
    try {
      const result = await deps.router.execute({
        kind: request.kind, prompt: request.prompt, document: request.document, model: request.model,
      }, (update) => {
        if (update.reset) {
          view.restart();
          refusal.restart();
          wroteText = false;
        }
        if (update.delta) {
          view.append(update.delta);
          wroteText = true;
        }
        if (update.refusal) view.append(refusal.piece(update.refusal, wroteText));
        if (!answering) progress.report({ message: 'answering…' });
        answering = true;
      }, token);
      view.finish(result);
      repeated.remember(request, { kind: result.kind, model: result.model });
      return result;
    } catch (error) {
      const report = showError(error, request.action ?? request.title);
      if (report.silent) view.cancel();
      else view.fail(report.message);
      return undefined;
    }
  }));
}

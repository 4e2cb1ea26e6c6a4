// @router in VS Code's Chat view: streamed Markdown answers that keep the conversation,
// /explain /refactor /summarize (a plain message is a question), the selection or file as
// references, Stop, follow-ups (a stronger model, why this model) and under each answer
// its model, cost and one plain reason. A /refactor answer is reviewed as a diff and
// applied with one undo, as the palette's Refactor Selection does.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { ConversationMessage } from '../../../shared/conversation';
import type { ExecuteResult, RouteResult } from '../../../shared/protocol';
import { reviewRefactoring, type RefactoringProposal } from '../commands/refactor';
import { replacementFor } from '../commands/refactorProposal';
import type { CommandDeps } from '../commands/deps';
import { describeError } from '../errors/describeError';
import { errorCommands } from '../errors/errorCommands';
import { StreamedRefusal, warningsBesideRefusal } from '../format/refusal';
import { configuredProviderIds } from '../server/readSettings';
import { escapeMarkdown } from '../status/spendTooltip';
import { answerFooter, describeCandidate, strongerModel, whyDetails } from './answerFooter';
import { isAnswerRecord, type AnswerRecord, type SentRequest } from './answerRecord';
import { answeredTurns, historyMessages, unseenWarnings, type HistoryTurn } from './chatHistory';
import { kindOf, questionOf, RETRY_COMMAND, WHY_COMMAND } from './chatCommands';
import { chatSubject } from './chatSubject';
import { fenced } from './fence';
import { pickedRouterModel } from './pickedModel';

export const PARTICIPANT_ID = 'llm-router.router';
/** Opens a /refactor answer as a diff, then Apply or Discard (the button under the answer). */
export const REVIEW_REFACTORING_COMMAND = 'llmRouter.chat.reviewRefactoring';

type ChatDeps = Pick<CommandDeps, 'router' | 'proposals' | 'log'>;

interface Ask {
  request: SentRequest;
  question: string;
  history: ConversationMessage[];
  /** The conversation's earlier answers: what they already warned about is not said again. */
  earlier: AnswerRecord[];
  /** Forced model (a retry, or the one picked in the Chat view's picker); the router chooses when absent. */
  model?: string;
  retried?: boolean;
  /** For /refactor: where the replacement goes. */
  target?: { document: vscode.TextDocument; range: vscode.Range; label: string };
}

export function registerChatParticipant(deps: ChatDeps, extensionUri: vscode.Uri): vscode.Disposable[] {
  // Proposals wait here for their button; a reload forgets them (the button then says so).
  const proposals = new Map<string, RefactoringProposal>();
  const participant = vscode.chat.createChatParticipant(PARTICIPANT_ID, (request, context, stream, token) =>
    handle(deps, proposals, request, context, stream, token));
  participant.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
  participant.followupProvider = {
    // After an answer: both; after "why": the retry; after anything else (an error): none.
    provideFollowups: (result) => {
      const retry = { prompt: 'Retry with a stronger model', label: 'Retry with a stronger model', command: RETRY_COMMAND };
      const why = { prompt: 'Why this model?', label: 'Why this model?', command: WHY_COMMAND };
      if (isAnswerRecord(result.metadata)) return [retry, why];
      return (result.metadata as { explained?: unknown } | undefined)?.explained ? [retry] : [];
    },
  };
  const review = vscode.commands.registerCommand(REVIEW_REFACTORING_COMMAND, async (id: unknown) => {
    const proposal = typeof id === 'string' ? proposals.get(id) : undefined;
    if (!proposal) {
      void vscode.window.showInformationMessage('LLM Router: this proposal is no longer available; ask @router /refactor again.');
      return false;
    }
    const applied = await reviewRefactoring(deps, proposal);
    if (applied) proposals.delete(id as string);
    return applied;
  });
  return [participant, review];
}

async function handle(
  deps: ChatDeps,
  proposals: Map<string, RefactoringProposal>,
  request: vscode.ChatRequest,
  context: vscode.ChatContext,
  stream: vscode.ChatResponseStream,
  token: vscode.CancellationToken,
): Promise<vscode.ChatResult> {
  const answers = answeredTurns(context.history.map(historyTurn));
  if (request.command === WHY_COMMAND) return explainChoice(answers.at(-1), stream);
  if (request.command === RETRY_COMMAND) return retry(deps, proposals, answers, stream, token);

  const kind = kindOf(request.command);
  const subject = await chatSubject(request, kind, stream);
  const prompt = [request.prompt.trim(), ...subject.extras].filter((part) => part !== '').join('\n\n');
  if (prompt === '' && !subject.document) {
    stream.markdown('Ask a question, or open a file (or select code) for `/explain`, `/refactor` or `/summarize`.');
    return {};
  }
  if (kind === 'refactor' && !subject.target) {
    stream.markdown('Open the file to refactor (or select the code) first: `/refactor` changes it.');
    return {};
  }
  return answer(deps, proposals, {
    request: { kind, ...(prompt ? { prompt } : {}), ...(subject.document ? { document: subject.document } : {}) },
    question: questionOf(kind, request.prompt, subject.label),
    history: historyMessages(answers),
    earlier: answers,
    model: pickedRouterModel(request.model),
    target: subject.target && { ...subject.target, label: subject.label ?? 'the file' },
  }, stream, token);
}

function historyTurn(turn: vscode.ChatRequestTurn | vscode.ChatResponseTurn): HistoryTurn {
  return turn instanceof vscode.ChatResponseTurn ? { type: 'response', metadata: turn.result.metadata } : { type: 'request' };
}

async function answer(
  deps: ChatDeps, proposals: Map<string, RefactoringProposal>, ask: Ask, stream: vscode.ChatResponseStream, token: vscode.CancellationToken,
): Promise<vscode.ChatResult> {
  const refactor = ask.request.kind === 'refactor';
  stream.progress(ask.model ? `Asking ${ask.model}…` : 'Choosing a model…');
  let streamed = false;
  // A model that declines: its words show as they arrive, as the refusal (escaped: the model's words, not Markdown),
  // even for /refactor (they are no code to apply).
  const refusal = new StreamedRefusal();
  let result: ExecuteResult;
  try {
    result = await deps.router.execute({ ...ask.request, history: ask.history, model: ask.model }, (update) => {
      if (update.reset && ((streamed && !refactor) || refusal.started)) stream.markdown('\n\n*That answer broke off; it starts again from the beginning:*\n\n');
      if (update.reset) refusal.restart();
      if (update.refusal) stream.markdown(escapeMarkdown(refusal.piece(update.refusal, streamed)));
      if (!update.delta || refactor) return;
      streamed = true;
      stream.markdown(update.delta);
    }, token);
  } catch (error) {
    return token.isCancellationRequested ? {} : failed(error, stream);
  }
  const declined = result.refusal !== undefined;
  // A refused /refactor proposes nothing: what the model wrote before declining is no code to apply.
  const shownText = refactor && declined ? '' : result.text;
  if (refactor && ask.target && !declined) offerRefactoring(proposals, ask.target, result, stream);
  else if (!streamed) stream.markdown(shownText); // a cached answer arrives whole
  if (declined) stream.markdown(escapeMarkdown(refusal.finish(result, streamed || shownText !== '')));
  const record: AnswerRecord = {
    question: ask.question,
    answer: result.text,
    request: ask.request,
    model: result.model,
    costUsd: result.usage.costUsd,
    ...(result.usage.estimated ? { estimated: true } : {}),
    ...(result.usage.priceUnknown ? { priceUnknown: true } : {}),
    reasons: result.reasons,
    attempts: result.attempts,
    ...(ask.retried ? { retried: true } : {}),
    ...(result.warnings.length > 0 ? { warnings: result.warnings } : {}),
  };
  // The refusal was said where the answer would be: its warning is not said again.
  const warnings = unseenWarnings(warningsBesideRefusal(result), ask.earlier).map((w) => `\n\n> ⚠ ${w}`).join('');
  stream.markdown(`${warnings}\n\n*${answerFooter(record)}${result.cached ? ' · from the cache' : ''}*`);
  deps.log.info(`@router ${ask.request.kind}: ${result.model}, ${result.usage.costUsd} USD, ${result.latencyMs} ms`);
  return { metadata: record };
}

/**
 * The proposal as code, with a link that opens it as a diff to apply. One Markdown part
 * (trusted for that one command): VS Code folds the parts before an answer's last Markdown
 * into "Completed N steps", which would hide a separate button.
 */
function offerRefactoring(
  proposals: Map<string, RefactoringProposal>, target: NonNullable<Ask['target']>,
  result: ExecuteResult, stream: vscode.ChatResponseStream,
): void {
  const { document, range } = target;
  const replacement = replacementFor(document.getText(range), result.text);
  const id = randomUUID();
  proposals.set(id, { document, version: document.version, range, replacement, result, target: target.label });
  const link = `command:${REVIEW_REFACTORING_COMMAND}?${encodeURIComponent(JSON.stringify([id]))}`;
  const incomplete = result.truncated ? '\n\n*The proposal stopped at its length limit: it is incomplete.*' : '';
  const markdown = new vscode.MarkdownString(
    `Proposed for ${target.label}:\n\n${fenced(replacement, document.languageId)}${incomplete}\n\n[$(diff) Review and Apply…](${link})`, true);
  markdown.isTrusted = { enabledCommands: [REVIEW_REFACTORING_COMMAND] };
  stream.markdown(markdown);
}

/**
 * A failed request in the chat: the error, and under it a button for each fix the palette's
 * notification offers (Budget Settings when the budget refused it, Set API Key… for the
 * provider whose key failed, Add Provider… when there is none…), the real fix first.
 */
function failed(error: unknown, stream: vscode.ChatResponseStream): vscode.ChatResult {
  const report = describeError(error, { providerCount: configuredProviderIds().length });
  if (report.silent) return {};
  for (const fix of errorCommands(report)) stream.button(fix);
  return { errorDetails: { message: report.message } };
}

function explainChoice(last: AnswerRecord | undefined, stream: vscode.ChatResponseStream): vscode.ChatResult {
  stream.markdown(last ? whyDetails(last) : 'Nothing answered yet in this conversation.');
  return last ? { metadata: { explained: true } } : {};
}

async function retry(
  deps: ChatDeps, proposals: Map<string, RefactoringProposal>, answers: AnswerRecord[],
  stream: vscode.ChatResponseStream, token: vscode.CancellationToken,
): Promise<vscode.ChatResult> {
  const last = answers.at(-1);
  if (!last) {
    stream.markdown('Nothing to retry yet in this conversation.');
    return {};
  }
  let route: RouteResult;
  try {
    route = await deps.router.route(last.request, token);
  } catch (error) {
    return failed(error, stream);
  }
  const stronger = strongerModel(route.candidates, last.model);
  if (!stronger) {
    stream.markdown(`\`${last.model}\` is already the strongest model that can take this request.`);
    return {};
  }
  // The user found the answer not good enough: the router learns from it (learn/judge.ts).
  deps.router.feedback(last.request.kind, last.model, 'retried');
  stream.markdown(`Retrying with ${describeCandidate(stronger)}:\n\n`);
  const target = last.request.kind === 'refactor' ? await refactorTarget(last) : undefined;
  return answer(deps, proposals, {
    request: last.request,
    question: last.question,
    history: historyMessages(answers.slice(0, -1)),
    earlier: answers,
    model: stronger.model,
    retried: true,
    target,
  }, stream, token);
}

/** Where a retried /refactor goes: the same range of the same file, if it is still open. */
async function refactorTarget(last: AnswerRecord): Promise<Ask['target']> {
  const doc = last.request.document;
  if (!doc) return undefined;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(doc.uri));
  const { selection } = doc;
  const range = selection && (selection.start.line !== selection.end.line || selection.start.character !== selection.end.character)
    ? new vscode.Range(selection.start.line, selection.start.character, selection.end.line, selection.end.character)
    : new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  return { document, range, label: vscode.workspace.asRelativePath(document.uri, false) };
}

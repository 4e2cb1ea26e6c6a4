// "LLM Router: Ask…": a free-form question; the server's classifier picks the kind.
// The active file (and selection) goes along as context when there is one.
import type { ExecuteResult } from '../../../shared/protocol';
import { answerInChat } from '../chat/answerInChat';
import type { CommandDeps } from './deps';
import { answeredAs, questionAction, questionContext, questionTitle, readQuestion } from './question';
import { streamAnswer } from './streamAnswer';

/** `question` lets tests and other extensions skip the input box. */
export async function ask(deps: CommandDeps, question?: unknown): Promise<ExecuteResult | undefined> {
  const prompt = await readQuestion('LLM Router: Ask', question);
  if (!prompt) return undefined;
  if (await answerInChat(prompt)) return undefined;
  const title = questionTitle(prompt);
  return streamAnswer(deps, { title, action: questionAction(title), kind: undefined, prompt, document: questionContext(), retitle: (kind) => answeredAs(title, kind) });
}

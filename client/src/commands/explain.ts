// "LLM Router: Explain Selection" (an empty selection explains around the cursor).
import type { ExecuteResult } from '../../../shared/protocol';
import { answerInChat } from '../chat/answerInChat';
import type { CommandDeps } from './deps';
import { describeTarget, documentInput, hasText, requireEditor } from './editorContext';
import { answeredAs } from './question';
import { streamAnswer } from './streamAnswer';

export async function explainSelection(deps: CommandDeps): Promise<ExecuteResult | undefined> {
  const editor = requireEditor('explain code');
  // An empty selection explains around the cursor, so only an empty file has nothing to explain.
  if (!editor || !hasText(editor, 'explain')) return undefined;
  if (await answerInChat('/explain')) return undefined;
  const title = `Explain ${describeTarget(editor)}`;
  return streamAnswer(deps, { title, kind: 'explain', document: documentInput(editor), retitle: (kind) => answeredAs(title, kind) });
}

// "LLM Router: Explain Selection" (an empty selection explains around the cursor).
import type { ExecuteResult } from '../../../shared/protocol';
import { answerInChat } from '../chat/answerInChat';
import type { CommandDeps } from './deps';
import { describeTarget, documentInput, requireEditor } from './editorContext';
import { streamAnswer } from './streamAnswer';

export async function explainSelection(deps: CommandDeps): Promise<ExecuteResult | undefined> {
  const editor = requireEditor('explain code');
  if (!editor) return undefined;
  if (await answerInChat('/explain')) return undefined;
  return streamAnswer(deps, { title: `Explain ${describeTarget(editor)}`, kind: 'explain', document: documentInput(editor) });
}

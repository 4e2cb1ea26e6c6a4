// "LLM Router: Summarize": the selection, or the whole file when nothing is selected.
import type { ExecuteResult } from '../../../shared/protocol';
import { answerInChat } from '../chat/answerInChat';
import type { CommandDeps } from './deps';
import { describeTarget, documentInput, hasText, requireEditor } from './editorContext';
import { answeredAs } from './question';
import { streamAnswer } from './streamAnswer';

export async function summarize(deps: CommandDeps): Promise<ExecuteResult | undefined> {
  const editor = requireEditor('summarize it');
  if (!editor || !hasText(editor, 'summarize')) return undefined;
  if (await answerInChat('/summarize')) return undefined;
  const document = documentInput(editor, !editor.selection.isEmpty);
  const title = `Summarize ${describeTarget(editor)}`;
  return streamAnswer(deps, { title, kind: 'summarize', document, retitle: (kind) => answeredAs(title, kind) });
}

// `llmRouter.answerIn: "chat"`: Explain, Summarize and Ask from the palette answer in the
// Chat view through @router instead of the answer panel, where VS Code has a Chat view
// (not in Restricted Mode's absence of it, nor with VS Code's AI features turned off).
import * as vscode from 'vscode';

const OPEN_CHAT = 'workbench.action.chat.open';

/** Sends `@router <query>` to the Chat view; false (the panel answers) when the setting or VS Code says no. */
export async function answerInChat(query: string): Promise<boolean> {
  if (vscode.workspace.getConfiguration('llmRouter').get<string>('answerIn') !== 'chat') return false;
  if (vscode.workspace.getConfiguration('chat').get<boolean>('disableAIFeatures') === true) return false;
  if (!(await vscode.commands.getCommands(true)).includes(OPEN_CHAT)) return false;
  try {
    await vscode.commands.executeCommand(OPEN_CHAT, { query: `@router ${query}`.trim() });
    return true;
  } catch {
    return false;
  }
}

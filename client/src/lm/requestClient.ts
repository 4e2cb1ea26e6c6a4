// Who asked for a language model response, for the ledger's spend by client. Pure.

/** When VS Code does not say who asked (it names the caller from 1.105 or so on, in a proposed field). */
export const UNKNOWN_CALLER = 'vscode-lm';
/** VS Code's own chat (the Chat view, agent mode), which VS Code names `core`. */
export const VSCODE_CHAT = 'vscode-chat';

/**
 * The requesting extension's id from `options.requestInitiator` (a field VS Code passes
 * although the stable typings do not have it yet), `vscode-chat` for VS Code's own chat,
 * or a generic label.
 */
export function requestClient(options: object): string {
  const initiator = (options as { requestInitiator?: unknown }).requestInitiator;
  if (typeof initiator !== 'string' || initiator.trim() === '') return UNKNOWN_CALLER;
  return initiator === 'core' ? VSCODE_CHAT : initiator.slice(0, 256);
}

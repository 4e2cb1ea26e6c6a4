// Which of VS Code's LanguageModelError codes a failed router request is, for extensions that
// use the router through vscode.lm and act on `error.code`. Pure.
import { ErrorCodes } from '../../../shared/protocol';

/** The names of LanguageModelError's factories that a router failure can be; anything else has no specific code. */
export type LanguageModelErrorCode = 'Blocked' | 'NotFound';

export function languageModelErrorCode(error: unknown): LanguageModelErrorCode | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  // A budget (the workspace's or all workspaces') blocks every request until it resets or is raised: the caller is blocked.
  if (code === ErrorCodes.BudgetBlocked) return 'Blocked';
  // No configured model (or none that can take this request, or the model asked for is not configured).
  if (code === ErrorCodes.NoCandidates) return 'NotFound';
  return undefined;
}

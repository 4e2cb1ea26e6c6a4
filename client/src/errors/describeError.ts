// Turns a failed router request into something a user can act on. Pure (no vscode
// import): showError.ts adds the buttons; the unit tests check the wording and actions.
import { ErrorCodes, type AllFailedData, type Attempt } from '../../../shared/protocol';
import { billedNote } from '../format/attempt';

/** What the user can do about it; each maps to one button. */
export type ErrorAction = 'setApiKey' | 'openBudgetSettings' | 'openProviderSettings' | 'showLog';

export interface ErrorReport {
  /** Cancelled by the user: nothing to show. */
  silent: boolean;
  message: string;
  actions: ErrorAction[];
}

// vscode-jsonrpc's codes for a connection that died while a request was pending.
const CONNECTION_LOST = new Set([-32099, -32098, -32097, -32096]);
const MENTIONS_KEY = /api[ _-]?key|no key|\b401\b|\b403\b|unauthori[sz]ed|authenticat|credential/i;

/** Whether a failure reads like a missing, wrong or refused API key (so Set API Key can fix it). */
export function mentionsKeyProblem(text: string): boolean {
  return MENTIONS_KEY.test(text);
}

interface RpcLikeError {
  code?: unknown;
  message?: unknown;
  data?: unknown;
  name?: unknown;
}

export function describeError(error: unknown): ErrorReport {
  const e: RpcLikeError = typeof error === 'object' && error !== null ? error : {};
  const message = typeof e.message === 'string' ? e.message : String(error);
  if (e.code === ErrorCodes.RequestCancelled || e.name === 'Canceled') {
    return { silent: true, message: 'Cancelled.', actions: [] };
  }
  if (e.code === ErrorCodes.BudgetBlocked) {
    return { silent: false, message: `Budget reached: ${message}`, actions: ['openBudgetSettings'] };
  }
  if (e.code === ErrorCodes.AllCandidatesFailed) return describeAllFailed(message, attemptsOf(e.data));
  if (e.code === ErrorCodes.NoCandidates) {
    return { silent: false, message: `No model can take this request: ${message}`, actions: ['setApiKey', 'openProviderSettings'] };
  }
  if (e.code === ErrorCodes.InvalidParams) {
    return { silent: false, message: `The router rejected the request: ${message}`, actions: ['showLog'] };
  }
  if (typeof e.code === 'number' && CONNECTION_LOST.has(e.code)) {
    return {
      silent: false,
      message: 'The router server stopped while handling this request. It restarts by itself; try again.',
      actions: ['showLog'],
    };
  }
  const actions: ErrorAction[] = MENTIONS_KEY.test(message) ? ['setApiKey', 'showLog'] : ['showLog'];
  return { silent: false, message, actions };
}

function describeAllFailed(message: string, attempts: Attempt[]): ErrorReport {
  if (attempts.length === 0) return { silent: false, message: `Every model failed: ${message}`, actions: ['showLog'] };
  const failures = attempts.filter((a) => !a.ok).map((a) => `${a.model}: ${a.error ?? 'failed'}${billedNote(a)}`);
  const keyProblem = attempts.some((a) => a.error !== undefined && MENTIONS_KEY.test(a.error));
  return {
    silent: false,
    message: `Every model failed. ${failures.join('; ')}.`,
    actions: keyProblem ? ['setApiKey', 'showLog'] : ['showLog'],
  };
}

function attemptsOf(data: unknown): Attempt[] {
  const attempts = (data as Partial<AllFailedData> | undefined)?.attempts;
  return Array.isArray(attempts) ? attempts : [];
}

// Turns a failed router request into something a user can act on. Pure (no vscode
// import): showError.ts adds the buttons; the unit tests check the wording and actions.
// The first action is the real fix (no provider -> Add Provider, no or bad key -> Set API
// Key for that provider, unreachable -> Check Providers, budget -> its settings).
import { ErrorCodes, type AllFailedData, type Attempt, type TeamGatewayErrorData } from '../../../shared/protocol';
import { billedNote } from '../format/attempt';

/** What the user can do about it; each maps to one button. */
export type ErrorAction =
  | 'addProvider' | 'setApiKey' | 'checkProviders' | 'openBudgetSettings' | 'openProviderSettings' | 'showLog'
  | 'connectTeamGateway' | 'disconnectTeamGateway';

export interface ErrorReport {
  /** Cancelled by the user: nothing to show. */
  silent: boolean;
  message: string;
  actions: ErrorAction[];
  /** The provider whose key Set API Key should ask for, when the failure names one. */
  providerId?: string;
}

/** What the client knows that the error does not say. */
export interface ErrorContext {
  /** How many providers `llmRouter.providers` configures. */
  providerCount?: number;
}

// vscode-jsonrpc's codes for a connection that died while a request was pending.
const CONNECTION_LOST = new Set([-32099, -32098, -32097, -32096]);
const MENTIONS_KEY = /api[ _-]?key|no key|\b401\b|\b403\b|unauthori[sz]ed|authenticat|credential/i;
const UNREACHABLE = /connection failed|connection error|timed out|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|fetch failed|unreachable/i;
const NO_PROVIDERS = /no models are configured|add a provider/i;
const REQUEST_CAP = /maxRequestUsd/;
const TOO_LONG = /tokens of context|context window/i;

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

export function describeError(error: unknown, context: ErrorContext = {}): ErrorReport {
  const e: RpcLikeError = typeof error === 'object' && error !== null ? error : {};
  const message = typeof e.message === 'string' ? e.message : String(error);
  if (e.code === ErrorCodes.RequestCancelled || e.name === 'Canceled') {
    return { silent: true, message: 'Cancelled.', actions: [] };
  }
  if (e.code === ErrorCodes.BudgetBlocked) {
    // The server's words may already start with "Budget exceeded:"; "Budget reached: Budget exceeded: …" says it twice.
    const said = /^budget (exceeded|reached)\b/i.test(message) ? message : `Budget reached: ${message}`;
    return { silent: false, message: said, actions: ['openBudgetSettings', 'showLog'] };
  }
  if (e.code === ErrorCodes.AllCandidatesFailed) return describeAllFailed(message, attemptsOf(e.data));
  if (e.code === ErrorCodes.TeamGateway) return describeTeamGateway(message, e.data);
  if (e.code === ErrorCodes.NoCandidates) return describeNoCandidates(message, context);
  if (e.code === ErrorCodes.InvalidParams) {
    return { silent: false, message: `The router rejected the request: ${message}`, actions: ['showLog'] };
  }
  if (e.code === ErrorCodes.ServerStopping) {
    return {
      silent: false,
      message: 'The router server restarted while answering: the request was ended, and what it had streamed is counted at its cost. Try again.',
      actions: ['showLog'],
    };
  }
  if (typeof e.code === 'number' && CONNECTION_LOST.has(e.code)) {
    return {
      silent: false,
      message: 'The router server stopped while handling this request (Restart Server, or it stopped unexpectedly); it starts again by itself: try again.',
      actions: ['showLog'],
    };
  }
  if (MENTIONS_KEY.test(message)) return { silent: false, message, actions: ['setApiKey', 'showLog'] };
  if (UNREACHABLE.test(message)) return { silent: false, message, actions: ['checkProviders', 'showLog'] };
  return { silent: false, message, actions: ['showLog'] };
}

/** The message already says what to do; the buttons do it (a new token, or routing here again). */
function describeTeamGateway(message: string, data: unknown): ErrorReport {
  const reason = (data as Partial<TeamGatewayErrorData> | undefined)?.reason;
  if (reason === 'unauthorized') return { silent: false, message, actions: ['connectTeamGateway', 'showLog'] };
  if (reason === 'unreachable') return { silent: false, message, actions: ['connectTeamGateway', 'disconnectTeamGateway', 'showLog'] };
  return { silent: false, message, actions: ['showLog'] };
}

function describeNoCandidates(message: string, context: ErrorContext): ErrorReport {
  // The server's words usually say it already ("No configured model can take this request: …").
  const said = /^no (configured )?model can take this request/i.test(message) ? message : `No model can take this request: ${message}`;
  // Too long for every model: sending less is the fix the user has at hand.
  const text = TOO_LONG.test(message) ? `${said} Select a smaller part of the file (or send less) and try again.` : said;
  if (context.providerCount === 0 || NO_PROVIDERS.test(message)) {
    return { silent: false, message: 'No provider is set up yet: add one (OpenAI, Anthropic, a local server…) to answer requests.', actions: ['addProvider', 'openProviderSettings'] };
  }
  if (REQUEST_CAP.test(message)) return { silent: false, message: text, actions: ['openBudgetSettings', 'openProviderSettings'] };
  return { silent: false, message: text, actions: ['openProviderSettings', 'showLog'] };
}

function describeAllFailed(message: string, attempts: Attempt[]): ErrorReport {
  if (attempts.length === 0) return { silent: false, message: `Every model failed: ${message}`, actions: ['showLog'] };
  const failed = attempts.filter((a) => !a.ok);
  const text = `Every model failed. ${failureLines(failed).join('; ')}.`;
  const keyProblems = failed.filter((a) => a.error !== undefined && MENTIONS_KEY.test(a.error));
  if (keyProblems.length > 0) {
    // One provider's key: ask for that one; several providers': let the user pick.
    const providers = new Set(keyProblems.map(providerOf));
    const providerId = providers.size === 1 ? [...providers][0] : undefined;
    return { silent: false, message: text, actions: ['setApiKey', 'checkProviders', 'showLog'], providerId };
  }
  if (failed.some((a) => a.error !== undefined && UNREACHABLE.test(a.error))) {
    return { silent: false, message: text, actions: ['checkProviders', 'showLog'] };
  }
  return { silent: false, message: text, actions: ['showLog'] };
}

/**
 * One line per failure; a model retried and failing the same way again reads once with its
 * count ("a/one: 503 overloaded (2 tries)") instead of twice in a row. A try that was billed
 * keeps its own line, so no bill is folded into another.
 */
function failureLines(failed: Attempt[]): string[] {
  const lines: { text: string; tries: number; billed: boolean }[] = [];
  for (const attempt of failed) {
    const note = billedNote(attempt);
    const text = `${attempt.model}: ${attempt.error ?? 'failed'}${note}`;
    const previous = lines.at(-1);
    if (previous && previous.text === text && !previous.billed && note === '') previous.tries += 1;
    else lines.push({ text, tries: 1, billed: note !== '' });
  }
  return lines.map((line) => (line.tries > 1 ? `${line.text} (${line.tries} tries)` : line.text));
}

/** `providerId/modelId` -> `providerId`. */
export function providerOf(attempt: Pick<Attempt, 'model'>): string {
  const slash = attempt.model.indexOf('/');
  return slash > 0 ? attempt.model.slice(0, slash) : attempt.model;
}

function attemptsOf(data: unknown): Attempt[] {
  const attempts = (data as Partial<AllFailedData> | undefined)?.attempts;
  return Array.isArray(attempts) ? attempts : [];
}

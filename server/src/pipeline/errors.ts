// Failures the protocol reports with their own codes (shared/protocol.ts ErrorCodes).
// The RPC layer turns these into JSON-RPC errors; nothing below it knows of JSON-RPC.
import { ErrorCodes, type Attempt } from '../../../shared/protocol';

export class RouterError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'RouterError';
  }
}

export const budgetBlocked = (message: string, data: unknown) =>
  new RouterError(ErrorCodes.BudgetBlocked, message, data);

export const allFailed = (attempts: Attempt[]) =>
  new RouterError(
    ErrorCodes.AllCandidatesFailed,
    `Every model failed: ${attempts.map((a) => `${a.model}: ${a.error ?? 'ok'}`).join('; ')}`,
    { attempts },
  );

export const noCandidates = (message: string) => new RouterError(ErrorCodes.NoCandidates, message);

export const cancelled = () => new RouterError(ErrorCodes.RequestCancelled, 'Request cancelled');

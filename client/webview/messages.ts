// Messages between the extension and its two webviews. Type-only, shared by both sides.
import type { Attempt, DashboardResult, Kind } from '../../shared/protocol';

export type AnswerState = 'waiting' | 'streaming' | 'done' | 'error' | 'cancelled';

export interface AnswerSummary {
  model: string;
  /** The kind of answer given (the prompt it was asked with). */
  kind: Kind;
  costUsd: number;
  costEstimated?: boolean;
  priceUnknown?: boolean;
  reasons: string[];
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  cached: boolean;
  attempts: Attempt[];
  warnings: string[];
}

/** The whole answer so far; sent again after each batch of streamed text. */
export interface AnswerSnapshot {
  type: 'answer';
  title: string;
  state: AnswerState;
  text: string;
  summary?: AnswerSummary;
  error?: string;
  /** Whether "Answer as" can ask again with another kind. */
  canRerun?: boolean;
}

/** The kinds an answer can be asked again as, from the answer view. */
export const ANSWER_AS_KINDS = ['explain', 'refactor', 'summarize', 'ask'] as const satisfies readonly Kind[];
export type AnswerAsKind = (typeof ANSWER_AS_KINDS)[number];

export type DashboardMessage =
  | { type: 'dashboard'; data: DashboardResult; refreshedAt: string }
  | { type: 'dashboardError'; message: string };

export type WebviewRequest =
  | { type: 'ready' }
  | { type: 'answerAs'; kind: AnswerAsKind }
  | { type: 'refresh' }
  | { type: 'export' }
  | { type: 'openBudgetSettings' };

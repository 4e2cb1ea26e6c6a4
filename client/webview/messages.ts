// Messages between the extension and its two webviews. Type-only, shared by both sides.
import type { Attempt, DashboardResult } from '../../shared/protocol';

export type AnswerState = 'waiting' | 'streaming' | 'done' | 'error' | 'cancelled';

export interface AnswerSummary {
  model: string;
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
}

export type DashboardMessage =
  | { type: 'dashboard'; data: DashboardResult; refreshedAt: string }
  | { type: 'dashboardError'; message: string };

export type WebviewRequest =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'export' }
  | { type: 'openBudgetSettings' };

// How long answers of one kind usually are in one workspace, from its own ledger: the
// median output of its latest answers. Cost estimates start from a fixed guess per kind
// (prompt/build.ts); a workspace's real answers are a better guess once there are a few.
import type { Kind } from '../../../shared/protocol';
import { SortedNumbers } from '../stats/sorted-numbers';
import type { DatabaseSync, StatementSync } from './sqlite';
import type { RequestRecord } from './types';

/** Recent enough to follow a change of habits, enough to make a steady median. */
export const TYPICAL_WINDOW = 50;

export interface TypicalOutput {
  tokens: number;
  /** How many answers the median is over. */
  samples: number;
}

/** One answer of a window: where it sorts (newest first, as the query orders) and its output. */
export interface WindowRow {
  at: number;
  id: number;
  tokens: number;
}

export class TypicalOutputQuery {
  private readonly latest: StatementSync;

  constructor(db: DatabaseSync) {
    // Answers the provider reported tokens for; cached answers, estimates and refusals say nothing of an answer's length.
    this.latest = db.prepare(`
      SELECT output_tokens, at, id FROM requests
      WHERE workspace_id = ? AND kind = ? AND outcome = 'ok' AND cached = 0 AND tokens_estimated = 0 AND refused = 0
      ORDER BY at DESC, id DESC LIMIT ${TYPICAL_WINDOW}`);
  }

  typical(workspaceId: string, kind: Kind): TypicalOutput | undefined {
    return typicalOf(this.window(workspaceId, kind).map((row) => row.tokens));
  }

  /** The latest answers the median is over, newest first. */
  window(workspaceId: string, kind: Kind): WindowRow[] {
    const rows = this.latest.all(workspaceId, kind) as unknown as { output_tokens: number; at: number; id: number }[];
    return rows.map((row) => ({ at: Number(row.at), id: Number(row.id), tokens: row.output_tokens }));
  }
}

/**
 * Each (workspace, kind)'s window, held once read: typicalOutput() runs before every
 * routing decision. A request this process commits joins the window it belongs to where
 * the query would have put it, so the window never has to be read again; before, each
 * commit dropped it and the next decision read it again (under load, once per request).
 * (A second process writing the same ledger makes a held window a little stale: it only
 * feeds estimates.)
 */
export class TypicalOutputCache {
  private readonly windows = new Map<string, HeldWindow>();

  get(workspaceId: string, kind: Kind, read: () => WindowRow[]): TypicalOutput | undefined {
    const key = windowKey(workspaceId, kind);
    let held = this.windows.get(key);
    if (!held) {
      held = new HeldWindow(read());
      this.windows.set(key, held);
    }
    return held.typical;
  }

  /** `request` was committed as row `id`: an answer the query counts joins its window, when that is held. */
  committed(request: RequestRecord, id: number): void {
    if (request.outcome !== 'ok' || request.cached || request.tokensEstimated === true || request.refused === true) return;
    this.windows.get(windowKey(request.workspaceId, request.kind))?.insert({ at: request.at, id, tokens: request.outputTokens });
  }

  /** A request recorded some other way (the journal): its window is read again when next needed. */
  forget(workspaceId: string, kind: Kind): void {
    this.windows.delete(windowKey(workspaceId, kind));
  }

  clear(): void {
    this.windows.clear();
  }
}

/** One window as the query orders it, with its outputs in order of size for the median. */
class HeldWindow {
  private readonly outputs: SortedNumbers;
  typical: TypicalOutput | undefined;

  constructor(private readonly rows: WindowRow[]) {
    this.outputs = new SortedNumbers(rows.map((row) => row.tokens));
    this.typical = this.median();
  }

  insert(row: WindowRow): void {
    const rows = this.rows;
    // Requests finish out of order: it goes where ORDER BY at DESC, id DESC puts it.
    let at = rows.findIndex((r) => r.at < row.at || (r.at === row.at && r.id < row.id));
    if (at === -1) at = rows.length;
    if (at >= TYPICAL_WINDOW) return;
    rows.splice(at, 0, row);
    this.outputs.add(row.tokens);
    if (rows.length > TYPICAL_WINDOW) this.outputs.remove(rows.pop()!.tokens);
    this.typical = this.median();
  }

  /** What typicalOf() gives for the window's outputs. */
  private median(): TypicalOutput | undefined {
    const median = this.outputs.median();
    return median === undefined ? undefined : { tokens: Math.round(median), samples: this.outputs.length };
  }
}

function windowKey(workspaceId: string, kind: Kind): string {
  return `${kind}\u0000${workspaceId}`;
}

/** The median of the latest outputs (newest first, at most WINDOW of them), or undefined when there are none. */
export function typicalOf(outputs: number[]): TypicalOutput | undefined {
  if (outputs.length === 0) return undefined;
  const sorted = [...outputs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const tokens = sorted.length % 2 === 1 ? sorted[middle] : Math.round((sorted[middle - 1] + sorted[middle]) / 2);
  return { tokens, samples: sorted.length };
}

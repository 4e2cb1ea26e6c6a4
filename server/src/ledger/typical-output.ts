// How long answers of one kind usually are in one workspace, from its own ledger: the
// median output of its latest answers. Cost estimates start from a fixed guess per kind
// (prompt/build.ts); a workspace's real answers are a better guess once there are a few.
import type { Kind } from '../../../shared/protocol';
import type { DatabaseSync, StatementSync } from './sqlite';

/** Recent enough to follow a change of habits, enough to make a steady median. */
export const TYPICAL_WINDOW = 50;

export interface TypicalOutput {
  tokens: number;
  /** How many answers the median is over. */
  samples: number;
}

export class TypicalOutputQuery {
  private readonly latest: StatementSync;

  constructor(db: DatabaseSync) {
    // Answers the provider reported tokens for; cached answers and estimates say nothing new.
    this.latest = db.prepare(`
      SELECT output_tokens FROM requests
      WHERE workspace_id = ? AND kind = ? AND outcome = 'ok' AND cached = 0 AND tokens_estimated = 0
      ORDER BY at DESC, id DESC LIMIT ${TYPICAL_WINDOW}`);
  }

  typical(workspaceId: string, kind: Kind): TypicalOutput | undefined {
    const rows = this.latest.all(workspaceId, kind) as unknown as { output_tokens: number }[];
    return typicalOf(rows.map((row) => row.output_tokens));
  }
}

/** The median of the latest outputs (newest first, at most WINDOW of them), or undefined when there are none. */
export function typicalOf(outputs: number[]): TypicalOutput | undefined {
  if (outputs.length === 0) return undefined;
  const sorted = [...outputs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const tokens = sorted.length % 2 === 1 ? sorted[middle] : Math.round((sorted[middle - 1] + sorted[middle]) / 2);
  return { tokens, samples: sorted.length };
}

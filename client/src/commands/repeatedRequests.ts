// Notices a request asked again: the same question (kind, prompt, file and selection) soon
// after it was answered means the answer was not good enough, which the router learns from
// (router/feedback "retried"). Pure: no VS Code, a clock passed in.
import type { DocumentInput, Kind } from '../../../shared/protocol';

/** Past this, asking again is a new need rather than a complaint about the answer. */
export const ASKED_AGAIN_WITHIN_MS = 10 * 60_000;
/** Enough for a working session; the oldest answers are forgotten first. */
const REMEMBERED = 50;

export interface RepeatableRequest {
  kind: Kind | undefined;
  prompt?: string;
  document?: DocumentInput;
}

export interface PreviousAnswer {
  kind: Kind;
  model: string;
}

export class RepeatedRequests {
  private readonly answered = new Map<string, PreviousAnswer & { at: number }>();

  constructor(private readonly now: () => number = Date.now, private readonly withinMs = ASKED_AGAIN_WITHIN_MS) {}

  /** The answer this request repeats, if the same request was answered within the window; forgets it (counted once). */
  repeats(request: RepeatableRequest): PreviousAnswer | undefined {
    const key = keyOf(request);
    const previous = this.answered.get(key);
    if (!previous) return undefined;
    this.answered.delete(key);
    if (this.now() - previous.at > this.withinMs) return undefined;
    return { kind: previous.kind, model: previous.model };
  }

  remember(request: RepeatableRequest, answer: PreviousAnswer): void {
    const key = keyOf(request);
    this.answered.delete(key); // re-inserted last: the map's order is the age order
    this.answered.set(key, { ...answer, at: this.now() });
    if (this.answered.size > REMEMBERED) this.answered.delete(this.answered.keys().next().value!);
  }
}

/** The file and the selection, not its text: the same question about code edited since is still the same question. */
function keyOf(r: RepeatableRequest): string {
  const d = r.document;
  const where = d ? [d.uri, d.selection?.start.line, d.selection?.start.character, d.selection?.end.line, d.selection?.end.character] : [];
  return JSON.stringify([r.kind ?? null, (r.prompt ?? '').trim(), ...where]);
}

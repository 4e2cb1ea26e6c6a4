// The classifications of the latest prompts, kept so a prompt seen again is not classified
// again. In an agent loop every turn after the first carries the same last user message
// (the turns after it are tool results), so each turn would otherwise repeat the same
// work: features, both models, the wording rules (a tenth of the gateway's CPU per call).
import type { Classification } from './types';

/** Prompts longer than this are classified every time: keeping them would cost more memory than the work saved. */
const MAX_PROMPT_CHARS = 4_000;
const MAX_ENTRIES = 256;

export class RecentClassifications {
  private readonly entries = new Map<string, Classification>();

  constructor(private readonly capacity = MAX_ENTRIES) {}

  /** The classification of `prompt` (with the caller's kind, if any), computed by `classify` when not kept. */
  get(kind: string | undefined, prompt: string, classify: () => Classification): Classification {
    if (prompt.length > MAX_PROMPT_CHARS) return classify();
    const key = `${kind ?? ''}\u0000${prompt}`;
    let kept = this.entries.get(key);
    if (kept) {
      // Re-inserting keeps the map in least-recently-used order.
      this.entries.delete(key);
    } else {
      kept = classify();
      if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(key, kept);
    // A copy: callers may add to the signals of theirs.
    return { ...kept, signals: [...kept.signals] };
  }

  get size(): number {
    return this.entries.size;
  }
}

// Numbers a stream's tool calls 0, 1, 2... in the order they start, whatever indexes the
// provider used (Anthropic counts content blocks, text included), and tells a call's
// first piece (which carries its id and name) from the argument fragments that follow.
import type { ToolCallDelta } from '../../../shared/conversation';

export interface IndexedToolCallDelta extends ToolCallDelta {
  /** True for the call's first piece. */
  first: boolean;
}

export class ToolCallIndexes {
  private readonly byProviderIndex = new Map<number, number>();

  get count(): number {
    return this.byProviderIndex.size;
  }

  next(delta: ToolCallDelta): IndexedToolCallDelta {
    const known = this.byProviderIndex.get(delta.index);
    if (known !== undefined) return { ...delta, index: known, first: false };
    const index = this.byProviderIndex.size;
    this.byProviderIndex.set(delta.index, index);
    return { ...delta, index, first: true };
  }
}

// Remembers which model made each tool call, so the request that answers those calls goes
// back to the same model: its call ids mean something only to the provider that issued
// them, and its prompt cache holds the conversation so far. In memory and bounded: a
// loop lost to a restart or to eviction is simply routed afresh.
import type { ConversationMessage, ToolCall } from '../../../shared/protocol';

export const TOOL_CALL_MEMORY = 10_000;

export class ToolCallOwners {
  // A Map iterates in insertion order: re-inserting on use makes the first key the least recent.
  private readonly owners = new Map<string, string>();

  constructor(private readonly capacity = TOOL_CALL_MEMORY) {}

  remember(calls: readonly ToolCall[], model: string): void {
    for (const { id } of calls) {
      this.owners.delete(id);
      this.owners.set(id, model);
      if (this.owners.size > this.capacity) this.owners.delete(this.owners.keys().next().value!);
    }
  }

  ownerOf(id: string): string | undefined {
    const model = this.owners.get(id);
    if (model !== undefined) {
      this.owners.delete(id);
      this.owners.set(id, model);
    }
    return model;
  }

  get size(): number {
    return this.owners.size;
  }
}

/** The model that made the latest tool calls of the conversation that it remembers, if any. */
export function toolLoopModel(messages: readonly ConversationMessage[] | undefined, owners: (id: string) => string | undefined): string | undefined {
  if (!messages) return undefined;
  for (let i = messages.length - 1; i >= 0; i--) {
    for (const call of messages[i].toolCalls ?? []) {
      const owner = owners(call.id);
      if (owner !== undefined) return owner;
    }
  }
  return undefined;
}

// @router's slash commands and the kind of request each is. Pure.
import type { Kind } from '../../../shared/protocol';

/** Commands that ask the model something, with their kind; a plain message is a question (`ask`). */
export const ASK_COMMANDS: Readonly<Record<string, Kind>> = { explain: 'explain', refactor: 'refactor', summarize: 'summarize' };

/** Commands about the last answer: no new question. */
export const RETRY_COMMAND = 'retry';
export const WHY_COMMAND = 'why';

export function kindOf(command: string | undefined): Kind {
  return (command && ASK_COMMANDS[command]) || 'ask';
}

/** The user's turn as history carries it: what they typed, or what the command asked for. */
export function questionOf(kind: Kind, prompt: string, target: string | undefined): string {
  const about = target ? ` (${target})` : '';
  const typed = prompt.trim();
  if (kind === 'ask') return `${typed}${about}`;
  const asked = { explain: 'Explain this code', refactor: 'Refactor this code', summarize: 'Summarize this', completion: 'Complete this code' }[kind];
  return typed ? `${asked}${about}: ${typed}` : `${asked}${about}.`;
}

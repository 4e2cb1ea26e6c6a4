// A leading chat command ("/explain", "/fix", "/tests", "/doc") names the
// intent outright, so it decides the kind before any model is consulted. The
// training data has no commands, so a learned model could not weigh them anyway.
import type { Kind } from '../../../shared/protocol';

// The chat commands editors ship (Copilot Chat's set, plus obvious aliases),
// mapped to the kind of work they ask for.
const COMMAND_KINDS: Record<string, Kind> = {
  explain: 'explain',
  fix: 'refactor',
  fixtestfailure: 'refactor',
  edit: 'refactor',
  refactor: 'refactor',
  optimize: 'refactor',
  tests: 'completion',
  test: 'completion',
  setuptests: 'completion',
  generate: 'completion',
  new: 'completion',
  complete: 'completion',
  doc: 'summarize',
  docs: 'summarize',
  document: 'summarize',
  summarize: 'summarize',
  summary: 'summarize',
  help: 'ask',
  ask: 'ask',
  search: 'ask',
  vscode: 'ask',
  terminal: 'ask',
  newnotebook: 'ask',
  startdebugging: 'ask',
};

export interface SlashCommand {
  /** The command as the user typed it, without the slash. */
  typed: string;
  /** The known command it was read as (differs from `typed` for a typo). */
  command: string;
  kind: Kind;
}

/** The leading slash command of a prompt, forgiving one typo ("/expain"); undefined if none is known. */
export function parseSlashCommand(prompt: string): SlashCommand | undefined {
  const match = /^\s*\/([A-Za-z][\w-]*)/.exec(prompt.slice(0, 64));
  if (!match) return undefined;
  const typed = match[1];
  const normalized = typed.toLowerCase().replace(/[-_]/g, '');
  const exact = COMMAND_KINDS[normalized];
  if (exact) return { typed, command: normalized, kind: exact };
  // Short commands are one edit away from too many words to guess safely.
  if (normalized.length < 4) return undefined;
  const near = Object.keys(COMMAND_KINDS).find(
    (command) => command.length >= 4 && editDistanceAtMostOne(normalized, command),
  );
  return near ? { typed, command: near, kind: COMMAND_KINDS[near] } : undefined;
}

/** True when one insertion, deletion or substitution (or none) turns `a` into `b`. */
function editDistanceAtMostOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (a.length < b.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

// Loads the labelled chat requests (data/copilot-chat-intents/*.jsonl, and the
// team-written data/authored-requests/*.jsonl) and turns each row into the
// ClassifyInput an editor would send, so training, evaluation and the acceptance
// test all go through the same path as a real request.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KINDS, type Kind } from '../../../../shared/protocol';
import type { Location } from '../features';
import type { ClassifyInput } from '../types';

export interface IntentRow {
  request: string;
  location: Location;
  kind: Kind;
  /** The upstream Copilot intent (e.g. "tests", "new", "github.copilot-dynamic.platform"), finer than kind. */
  intent: string;
}

const DATA_ROOT = join(__dirname, '..', '..', '..', '..', 'data');
export const DATA_DIR = join(DATA_ROOT, 'copilot-chat-intents');
const AUTHORED_DIR = join(DATA_ROOT, 'authored-requests');

/** The upstream Copilot Chat rows: `train.jsonl` to learn from, `eval.jsonl` for the final report only. */
export function readRows(fileName: 'train.jsonl' | 'eval.jsonl'): IntentRow[] {
  return readJsonl(join(DATA_DIR, fileName), fileName);
}

/**
 * Requests the team wrote to the same intent definitions (data/authored-requests/README.md):
 * extra training rows only. Cross-validation never scores them, so they can only
 * earn their place by improving predictions on the upstream rows.
 */
export function readAuthoredRows(): IntentRow[] {
  return [...readAuthoredGroups().values()].flat();
}

/** The authored rows by the file (the batch) they were written in, keyed `authored-requests/<file>`. */
export function readAuthoredGroups(): Map<string, IntentRow[]> {
  const files = readdirSync(AUTHORED_DIR).filter((name) => name.endsWith('.jsonl')).sort();
  return new Map(files.map((name) => [`authored-requests/${name}`, readJsonl(join(AUTHORED_DIR, name), `authored-requests/${name}`)]));
}

function readJsonl(path: string, name: string): IntentRow[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  return lines.filter((line) => line.trim() !== '').map((line, index) => parseRow(line, `${name}:${index + 1}`));
}

function parseRow(line: string, where: string): IntentRow {
  const raw = JSON.parse(line) as Record<string, unknown>;
  const { request, location, kind, intent } = raw;
  if (typeof request !== 'string') throw new Error(`${where}: request is not a string`);
  if (location !== 'inline' && location !== 'panel') throw new Error(`${where}: unknown location ${String(location)}`);
  if (!KINDS.includes(kind as Kind)) throw new Error(`${where}: unknown kind ${String(kind)}`);
  if (typeof intent !== 'string') throw new Error(`${where}: intent is not a string`);
  return { request, location, kind: kind as Kind, intent };
}

// Inline chat always runs over code in the editor; which code does not matter to
// the kind, so every inline row gets the same small selected snippet.
const SNIPPET = 'function total(items) {\n  return items.reduce((sum, item) => sum + item.price, 0);\n}\n';

export function toInput(row: IntentRow): ClassifyInput {
  if (row.location === 'panel') return { prompt: row.request };
  return {
    prompt: row.request,
    document: {
      uri: 'untitled:selection',
      languageId: 'javascript',
      text: SNIPPET,
      selection: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } },
    },
  };
}

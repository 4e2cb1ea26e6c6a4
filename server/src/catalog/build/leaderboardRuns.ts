// Picks, for every model on an aider leaderboard, the one run that best describes how the
// router will call it, and names it the way price tables do.
//
// Naming: a run is identified by the `--model` argument of its `command` (a LiteLLM id such
// as `openrouter/x-ai/grok-3-beta`), because the display names (`Grok 3 Beta`, `DeepSeek R1
// (0528)`) do not match any API id. aider's shortcuts (`--opus`, `--model sonnet`) fall back
// to the `model` field, which then holds the pinned id. The id goes through
// canonicalModelName(); its dateless form (`gpt-4o-mini-2024-07-18` -> `gpt-4o-mini`) is
// an alias that points at the newest run, as provider aliases point at the newest snapshot.
import { canonicalModelName, withoutDateSuffix } from '../modelNames';
import type { LeaderboardRecord } from './leaderboardYaml';

export interface LeaderboardRun {
  /** The id as aider called it, e.g. `ollama/qwen2.5-coder:32b`. */
  apiId: string;
  /** canonicalModelName(apiId). */
  name: string;
  label: string;
  date: string;
  passRate: number;
  secondsPerCase: number;
}

const AIDER_SHORTCUTS = new Set(['sonnet', 'opus', 'haiku', 'r1', '4o', 'flash', 'deepseek']);
/** Runs on a partial test set are not comparable with full ones. */
const MIN_SHARE_OF_TEST_CASES = 0.9;

function apiModelId(record: LeaderboardRecord): string {
  const argument = /--model\s+(\S+)/.exec(record.command ?? '')?.[1];
  if (argument && !AIDER_SHORTCUTS.has(argument)) return argument;
  return (record.model ?? '').replace(/\s*\(.*\)\s*$/, '');
}

/**
 * Lower is preferred. Default settings are how the router calls a model; boosted
 * reasoning (`high`, `32k thinking`) costs more time and tokens than a routed request gets.
 */
export function settingsRank(label: string): number {
  const note = /\(([^)]*)\)\s*$/.exec(label)?.[1].toLowerCase();
  if (!note || /default|no think/.test(note)) return 0;
  if (note === 'medium') return 1;
  if (note === 'low') return 2;
  if (/high|think|effort/.test(note)) return 3;
  return 0; // dates, edit formats, "(prev)": not a settings choice
}

export function readRuns(records: LeaderboardRecord[], fullTestCases: number, passRateField: string): LeaderboardRun[] {
  const runs: LeaderboardRun[] = [];
  for (const record of records) {
    const cases = Number(record.test_cases);
    const combinesModels = record.edit_format === 'architect' || / \+ /.test(record.model ?? '');
    if (combinesModels || !(cases >= MIN_SHARE_OF_TEST_CASES * fullTestCases && cases <= fullTestCases)) continue;
    const passRate = Number(record[passRateField]) / 100;
    const secondsPerCase = Number(record.seconds_per_case);
    const id = apiModelId(record);
    if (!id || !Number.isFinite(passRate) || !(secondsPerCase > 0)) continue;
    runs.push({ apiId: id, name: canonicalModelName(id), label: record.model ?? id, date: record.date ?? '', passRate, secondsPerCase });
  }
  return runs;
}

function preferred(candidate: LeaderboardRun, incumbent: LeaderboardRun | undefined): boolean {
  if (!incumbent) return true;
  const [a, b] = [settingsRank(candidate.label), settingsRank(incumbent.label)];
  return a < b || (a === b && candidate.date > incumbent.date);
}

/**
 * One run per canonical name, pinned names winning over aliases. An alias maps to a run
 * whose `name` differs from the map key, which tells callers not to count it twice.
 */
export function bestRunByName(runs: LeaderboardRun[]): Map<string, LeaderboardRun> {
  const pinned = new Map<string, LeaderboardRun>();
  const aliases = new Map<string, LeaderboardRun>();
  for (const run of runs) {
    if (preferred(run, pinned.get(run.name))) pinned.set(run.name, run);
    const dateless = withoutDateSuffix(run.apiId);
    if (dateless) {
      const alias = canonicalModelName(dateless);
      if (preferred(run, aliases.get(alias))) aliases.set(alias, run);
    }
  }
  for (const [alias, run] of aliases) if (!pinned.has(alias)) pinned.set(alias, run);
  return pinned;
}

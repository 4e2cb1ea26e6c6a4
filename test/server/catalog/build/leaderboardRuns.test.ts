import assert from 'node:assert/strict';
import { bestRunByName, readRuns, settingsRank } from '../../../../server/src/catalog/build/leaderboardRuns';
import type { LeaderboardRecord } from '../../../../server/src/catalog/build/leaderboardYaml';

function record(fields: Partial<LeaderboardRecord>): LeaderboardRecord {
  return { test_cases: '225', pass_rate_2: '50.0', seconds_per_case: '10', date: '2025-01-01', ...fields };
}

describe('leaderboardRuns', () => {
  it("names a run by its command's --model id rather than its display name", () => {
    const [run] = readRuns([record({ model: 'Grok 3 Beta', command: 'aider --model openrouter/x-ai/grok-3-beta' })], 225, 'pass_rate_2');
    assert.equal(run.name, 'grok-3-beta');
    assert.equal(run.passRate, 0.5);
  });

  it('falls back to the model field for an aider shortcut, dropping its settings note', () => {
    const runs = readRuns(
      [record({ model: 'claude-3-7-sonnet-20250219 (no thinking)', command: 'aider --model sonnet' })],
      225,
      'pass_rate_2',
    );
    assert.equal(runs[0].name, 'claude-3-7-sonnet-20250219');
  });

  it('skips partial runs, runs from a bigger board and multi-model architect runs', () => {
    const runs = readRuns(
      [
        record({ model: 'a', test_cases: '33' }),
        record({ model: 'b', test_cases: '300' }),
        record({ model: 'r1 + sonnet', edit_format: 'architect' }),
        record({ model: 'kept' }),
      ],
      225,
      'pass_rate_2',
    );
    assert.deepEqual(runs.map((r) => r.name), ['kept']);
  });

  it('ranks default settings before medium, low and boosted reasoning', () => {
    assert.ok(settingsRank('o3') < settingsRank('gpt-5 (medium)'));
    assert.ok(settingsRank('gpt-5 (medium)') < settingsRank('gpt-5 (low)'));
    assert.ok(settingsRank('gpt-5 (low)') < settingsRank('o3 (high)'));
    assert.equal(settingsRank('claude-sonnet-4 (32k thinking)'), 3);
    assert.equal(settingsRank('chatgpt-4o-latest (2025-03-29)'), 0);
  });

  it('keeps the default-settings run over a newer high-effort run of the same model', () => {
    const runs = readRuns(
      [
        record({ model: 'o3', command: 'aider --model o3', pass_rate_2: '76.9', date: '2025-06-25' }),
        record({ model: 'o3 (high)', command: 'aider --model o3', pass_rate_2: '81.3', date: '2025-06-26' }),
      ],
      225,
      'pass_rate_2',
    );
    assert.equal(bestRunByName(runs).get('o3')?.passRate, 0.769);
  });

  it('gives a dated run a dateless alias that points at the newest snapshot', () => {
    const runs = readRuns(
      [
        record({ model: 'gpt-4o-2024-08-06', command: 'aider --model gpt-4o-2024-08-06', date: '2024-12-30', pass_rate_2: '23.1' }),
        record({ model: 'gpt-4o-2024-11-20', command: 'aider --model gpt-4o-2024-11-20', date: '2024-12-31', pass_rate_2: '18.2' }),
      ],
      225,
      'pass_rate_2',
    );
    const best = bestRunByName(runs);
    assert.equal(best.get('gpt-4o')?.name, 'gpt-4o-2024-11-20');
    assert.equal(best.get('gpt-4o-2024-08-06')?.passRate, 0.231);
  });

  it('lets a model benchmarked under the dateless name win over the alias', () => {
    const runs = readRuns(
      [
        record({ model: 'gpt-4o-mini', command: 'aider --model gpt-4o-mini', date: '2024-01-01', pass_rate_2: '55' }),
        record({ model: 'gpt-4o-mini-2024-07-18', command: 'aider --model gpt-4o-mini-2024-07-18', date: '2025-01-01' }),
      ],
      225,
      'pass_rate_2',
    );
    assert.equal(bestRunByName(runs).get('gpt-4o-mini')?.passRate, 0.55);
  });
});

import assert from 'node:assert/strict';
import { benchmarkedModels, type Boards, fitCommonScale } from '../../../../server/src/catalog/build/benchmarkedModels';
import type { LeaderboardRun } from '../../../../server/src/catalog/build/leaderboardRuns';

function run(name: string, passRate: number, secondsPerCase: number, date = '2025-01-01'): LeaderboardRun {
  return { apiId: name, name, label: name, date, passRate, secondsPerCase };
}

function board(...runs: LeaderboardRun[]): Map<string, LeaderboardRun> {
  return new Map(runs.map((r) => [r.name, r]));
}

// Edit = 0.5 + 0.4 * sqrt(polyglot) exactly, edit = 0.4 + 0.5 * refactor exactly, and
// polyglot cases take twice as long.
const boards: Boards = {
  polyglot: board(run('a', 0.04, 20), run('b', 0.25, 40), run('c', 0.64, 60), run('new', 0.81, 100)),
  edit: board(run('a', 0.58, 10), run('b', 0.7, 20), run('c', 0.82, 30), run('old', 0.6, 10, '2023-01-01')),
  refactor: board(run('a', 0.36, 50), run('b', 0.6, 50), run('c', 0.84, 50), run('new', 0.2, 50), run('unscored', 0.5, 50)),
};

describe('benchmarkedModels', () => {
  it('fits the polyglot-to-edit mapping on models run on both boards', () => {
    const scale = fitCommonScale(boards);
    assert.ok(Math.abs(scale.polyglotToEditScale.intercept - 0.5) < 1e-9);
    assert.ok(Math.abs(scale.polyglotToEditScale.slope - 0.4) < 1e-9);
    assert.equal(scale.polyglotToEditScale.samples, 3);
  });

  it('ignores a pair benchmarked too far apart in time to be the same model version', () => {
    const drifted: Boards = { ...boards, edit: new Map(boards.edit).set('c', run('c', 0.1, 30, '2023-01-01')) };
    assert.equal(fitCommonScale(drifted).polyglotToEditScale.samples, 2);
  });

  it('scales edit-board seconds by how much shorter edit cases were for the same models', () => {
    const scale = fitCommonScale(boards);
    assert.equal(scale.msPerSecondOfCase.edit, scale.msPerSecondOfCase.polyglot * 2);
  });

  it('puts polyglot-only models on the edit scale and keeps edit-only models as they are', () => {
    const models = benchmarkedModels(boards, fitCommonScale(boards));
    assert.equal(models.new.strength, 0.86);
    assert.equal(models.old.strength, 0.6);
    assert.match(models.new.source, /^aider polyglot 2025-01-01 new: 81%; refactor 2025-01-01 new: 20%$/);
  });

  it('fits the refactor-to-edit mapping on models run on both boards', () => {
    const scale = fitCommonScale(boards);
    assert.ok(Math.abs(scale.refactorToEditScale.intercept - 0.4) < 1e-9);
    assert.ok(Math.abs(scale.refactorToEditScale.slope - 0.5) < 1e-9);
    assert.equal(scale.refactorToEditScale.samples, 3);
  });

  it('lands a model on two boards at the same strength from either board', () => {
    const models = benchmarkedModels(boards, fitCommonScale(boards));
    for (const name of ['a', 'b', 'c']) {
      const fromEdit = boards.edit.get(name)!.passRate;
      assert.equal(models[name].strength, fromEdit, `${name} via polyglot`);
      assert.equal(models[name].refactorStrength, fromEdit, `${name} via refactor`);
    }
  });

  it("keeps each board's ordering on the common scale", () => {
    const models = benchmarkedModels(boards, fitCommonScale(boards));
    const byPolyglot = [...boards.polyglot.values()].sort((x, y) => x.passRate - y.passRate).map((r) => models[r.name].strength);
    const byRefactor = ['new', 'a', 'b', 'c'].map((name) => models[name].refactorStrength!);
    for (const order of [byPolyglot, byRefactor]) {
      for (let i = 1; i < order.length; i++) assert.ok(order[i] > order[i - 1], JSON.stringify(order));
    }
  });

  it('keeps the evidence behind each figure in plain words and skips refactor-only models', () => {
    const models = benchmarkedModels(boards, fitCommonScale(boards));
    assert.equal(models.c.evidence.code, 'aider polyglot board: 64% pass, run c of 2025-01-01');
    assert.equal(models.c.evidence.refactor, 'aider refactor board: 84% pass, run c of 2025-01-01');
    assert.equal(models.old.evidence.code, 'aider edit board: 60% pass, run old of 2023-01-01');
    assert.equal(models.old.evidence.refactor, undefined);
    assert.equal(models.unscored, undefined);
  });
});

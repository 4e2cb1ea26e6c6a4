import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildQualitySnapshot } from '../../../../server/src/catalog/build/qualityTable';
import type { PriceSnapshot, QualitySnapshot } from '../../../../server/src/catalog/snapshotTypes';

const root = join(__dirname, '..', '..', '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const shipped = JSON.parse(read('server/src/catalog/quality.json')) as QualitySnapshot;
const prices = JSON.parse(read('server/src/catalog/prices.json')) as PriceSnapshot;
const boards = {
  polyglot: read('data/aider-leaderboards/polyglot_leaderboard.yml'),
  edit: read('data/aider-leaderboards/edit_leaderboard.yml'),
  refactor: read('data/aider-leaderboards/refactor_leaderboard.yml'),
};

describe('qualityTable', () => {
  const rebuilt = buildQualitySnapshot(boards, prices, shipped.source);

  it('reproduces the shipped quality.json from data/aider-leaderboards and prices.json', () => {
    assert.deepEqual(rebuilt, shipped);
  });

  it('maps polyglot onto the edit scale with a strong fit', () => {
    assert.ok(rebuilt.polyglotToEditScale.correlation > 0.8, JSON.stringify(rebuilt.polyglotToEditScale));
  });

  it('puts the refactor board on the edit scale with a rising fit over enough shared models', () => {
    assert.ok(rebuilt.refactorToEditScale.slope > 0, JSON.stringify(rebuilt.refactorToEditScale));
    assert.ok(rebuilt.refactorToEditScale.samples >= 8);
  });

  it("keeps the refactor board's order among its models once calibrated", () => {
    const onBoard = Object.values(rebuilt.models).filter((m) => m.refactorStrength !== undefined);
    const passRate = (m: (typeof onBoard)[number]) => Number(/aider refactor board: ([\d.]+)%/.exec(m.evidence.refactor ?? '')?.[1]);
    for (const a of onBoard) {
      for (const b of onBoard) if (passRate(a) > passRate(b)) assert.ok(a.refactorStrength! >= b.refactorStrength!, `${a.evidence.refactor} vs ${b.evidence.refactor}`);
    }
  });

  it('finds that a higher output price goes with a higher strength among current models', () => {
    assert.ok(rebuilt.strengthByLogOutputPrice.slope > 0);
    assert.ok(rebuilt.strengthByLogOutputPrice.samples >= 20);
  });

  it('rates every benchmarked model in [0, 1] with a positive latency', () => {
    for (const [name, model] of Object.entries(rebuilt.models)) {
      assert.ok(model.strength >= 0 && model.strength <= 1, name);
      assert.ok(model.latencyMs > 0, name);
    }
  });

  it('ranks a frontier model above a small one from the same vendor', () => {
    assert.ok(rebuilt.models['gpt-5'].strength > rebuilt.models['gpt-4-1-nano'].strength);
    assert.ok(rebuilt.models['claude-opus-4-20250514'].strength > rebuilt.models['claude-3-5-haiku'].strength);
  });
});

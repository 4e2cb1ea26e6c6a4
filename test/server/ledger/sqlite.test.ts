import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

/** Runs `script` in a fresh Node (node:sqlite not yet loaded) and returns its stderr. */
function stderrOf(script: string): string {
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 15_000,
  });
  assert.equal(result.status, 0, result.stderr);
  return result.stderr;
}

describe('loadSqlite', function () {
  this.timeout(20_000);

  it('loads node:sqlite without printing its experimental-feature warning', () => {
    const stderr = stderrOf(`
      import { loadSqlite } from './server/src/ledger/sqlite.ts';
      const { DatabaseSync } = loadSqlite();
      new DatabaseSync(':memory:').close();
      await new Promise((resolve) => setTimeout(resolve, 50));`);
    assert.doesNotMatch(stderr, /SQLite is an experimental feature/);
  });

  it('still prints every other warning after loading, experimental ones included', () => {
    const stderr = stderrOf(`
      import { loadSqlite } from './server/src/ledger/sqlite.ts';
      loadSqlite();
      process.emitWarning('Some other feature is experimental', 'ExperimentalWarning');
      process.emitWarning('a deprecation', 'DeprecationWarning');
      await new Promise((resolve) => setTimeout(resolve, 50));`);
    assert.match(stderr, /ExperimentalWarning: Some other feature is experimental/);
    assert.match(stderr, /DeprecationWarning: a deprecation/);
  });

  it('shows the warning when node:sqlite is loaded directly, so the first test proves a real suppression', () => {
    const stderr = stderrOf(`
      process.getBuiltinModule('node:sqlite');
      await new Promise((resolve) => setTimeout(resolve, 50));`);
    assert.match(stderr, /SQLite is an experimental feature/);
  });
});

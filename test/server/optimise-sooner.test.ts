import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** Runs `script` in a fresh Node that can ask V8 whether a function is optimised; returns its stdout. */
function run(script: string): string {
  const result = spawnSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}

// A function called often enough that V8 optimises it with TurboFan, and whether it was.
const HOT = `
  const sum = (values) => { let total = 0; for (const v of values) total += v * 2 + 1; return total; };
  const values = Array.from({ length: 100 }, (_, i) => i);
  // TurboFan compiles on a background thread: the loop yields so that its code gets installed.
  const callOften = async () => {
    for (let round = 0; round < 40; round++) {
      for (let i = 0; i < 1000; i++) sum(values);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  };
  // V8's OptimizationStatus bit for "TurboFan code" (test/mjsunit's kTurboFanned).
  const turbofanned = () => (eval('%GetOptimizationStatus(sum)') & 64) !== 0;
`;

describe('optimisation held back until the server is ready', function () {
  this.timeout(40_000);

  it('optimises hot code with TurboFan when nothing holds it back (the load below is enough)', () => {
    assert.equal(run(`${HOT} await callOften(); console.log(turbofanned());`), 'true');
  });

  it('optimises no code while held, as during start-up', () => {
    assert.equal(run(`import { holdOptimisation } from './server/src/optimise-sooner.ts'; holdOptimisation(); ${HOT} await callOften(); console.log(turbofanned());`), 'false');
  });

  it('optimises hot code again once the server is ready', () => {
    const script = `import { holdOptimisation, optimiseHotCodeSooner } from './server/src/optimise-sooner.ts';
      holdOptimisation(); ${HOT} await callOften(); optimiseHotCodeSooner(); await callOften(); console.log(turbofanned());`;
    assert.equal(run(script), 'true');
  });
});

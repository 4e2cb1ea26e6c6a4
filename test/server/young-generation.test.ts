import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const MB = 1024 * 1024;

/**
 * Runs `setup` in a fresh Node, then allocates as a busy server does (many short-lived objects,
 * some kept a while, so scavenges see survivors and V8 grows the new space), and returns the
 * largest new space seen, in MB.
 */
function largestNewSpaceMb(setup: string): number {
  const script = `
    import { getHeapSpaceStatistics } from 'node:v8';
    import { capYoungGeneration, holdYoungGeneration } from './server/src/young-generation.ts';
    ${setup}
    const newSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
    let largest = newSpace();
    let kept = [];
    for (let round = 0; round < 600; round++) {
      for (let i = 0; i < 5000; i++) {
        kept.push({ i, text: 'request ' + i });
        if (kept.length > 40000) kept = [];
      }
      // Let the gc entries reach the observer, as a server's event loop does between requests.
      await new Promise((resolve) => setImmediate(resolve));
      largest = Math.max(largest, newSpace());
    }
    process.stdout.write(String(largest));
  `;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.status, 0, result.stderr);
  return Number(result.stdout) / MB;
}

describe('young generation cap', function () {
  this.timeout(90_000);

  it('lets V8 grow the new space past 8 MB when nothing caps it (the load below is enough)', () => {
    assert.ok(largestNewSpaceMb('') > 8);
  });

  it('keeps the new space within the cap under the same load', () => {
    const largest = largestNewSpaceMb(`capYoungGeneration(${8 * MB});`);
    assert.ok(largest <= 8, `new space reached ${largest} MB`);
  });

  it('still lets the new space grow up to the cap once capped', () => {
    assert.ok(largestNewSpaceMb(`holdYoungGeneration(); capYoungGeneration(${8 * MB});`) > 2);
  });

  it('keeps the new space small while held, before the server is ready', () => {
    const held = largestNewSpaceMb('holdYoungGeneration();');
    assert.ok(held < 8, `new space reached ${held} MB`);
  });
});

// Malformed LSP frames sent to a real `dist/server.js --stdio`: each one either still gets
// the next request answered, or makes the process exit non-zero with a line on stderr, so
// the editor knows to restart it. Never a live process that has stopped answering.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAULTS, sendFault } from './framing-faults';

describe('router server: malformed frames on stdio (integration)', function () {
  this.timeout(30_000);
  let storageDir: string;
  before(() => (storageDir = mkdtempSync(join(tmpdir(), 'llm-router-frames-'))));
  after(() => rmSync(storageDir, { recursive: true, force: true }));

  for (const fault of FAULTS) {
    it(`answers the next request or exits non-zero with a stderr line after ${fault.name}`, async () => {
      const outcome = await sendFault(fault.bytes, storageDir);
      if (outcome.answered) return;
      assert.ok(outcome.exitCode !== null && outcome.exitCode !== 0, `alive but deaf (exit ${outcome.exitCode}), stderr: ${outcome.stderr}`);
      assert.match(outcome.stderr, /malformed message frame/);
    });
  }
});

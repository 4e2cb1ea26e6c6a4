import * as assert from 'node:assert/strict';
import { canRunServer } from '../../../client/src/server/nodeVersion';

describe('canRunServer', () => {
  it('accepts Node 22.13 and later, where node:sqlite needs no flag', () => {
    for (const version of ['22.13.0', 'v22.14.1', '23.0.0', '24.11.0\n']) assert.equal(canRunServer(version), true, version);
  });

  it('rejects older Node versions such as the Node 20 of VS Code 1.95', () => {
    for (const version of ['20.18.1', 'v22.12.0', '18.0.0']) assert.equal(canRunServer(version), false, version);
  });

  it('rejects output that is not a version', () => {
    assert.equal(canRunServer('command not found'), false);
  });
});

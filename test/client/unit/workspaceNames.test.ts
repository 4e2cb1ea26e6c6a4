// The names windows record for their workspaces, read by the other windows of the profile so
// a window standing by behind another's gateway can name where agents' requests are counted.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKSPACE_NAMES_FILE, WorkspaceNames } from '../../../client/src/gateway/workspaceNames';

describe('WorkspaceNames', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'llm-router-names-'));
    file = join(dir, WORKSPACE_NAMES_FILE);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lets another window name the workspace a window recorded, keeping every window\'s', async () => {
    await new WorkspaceNames(file).remember('ws-a', 'shapes');
    await new WorkspaceNames(file).remember('ws-b', 'billing-api');
    const elsewhere = new WorkspaceNames(file);
    assert.equal(elsewhere.nameOf('ws-a'), undefined, 'nothing known before it reads the file');
    await elsewhere.load();
    assert.equal(elsewhere.nameOf('ws-a'), 'shapes');
    assert.equal(elsewhere.nameOf('ws-b'), 'billing-api');
  });

  it('keeps a name, not a path, and knows nothing from a missing or damaged file', async () => {
    const names = new WorkspaceNames(file);
    await names.load();
    assert.equal(names.nameOf('ws-a'), undefined);
    writeFileSync(file, '{"ws-a": "sha');
    await names.load();
    assert.equal(names.nameOf('ws-a'), undefined);
    await names.remember('ws-a', 'shapes');
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { 'ws-a': 'shapes' });
  });
});

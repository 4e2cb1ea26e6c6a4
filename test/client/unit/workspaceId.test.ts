import * as assert from 'node:assert/strict';
import { NO_WORKSPACE_ID, workspaceIdFor } from '../../../client/src/workspaceId';

describe('workspaceIdFor', () => {
  it('is the same for the same folder across sessions', () => {
    assert.equal(workspaceIdFor('file:///projects/me/project'), workspaceIdFor('file:///projects/me/project'));
  });

  it('differs between folders', () => {
    assert.notEqual(workspaceIdFor('file:///projects/me/a'), workspaceIdFor('file:///projects/me/b'));
  });

  it('is 16 hex digits that do not contain the path', () => {
    const id = workspaceIdFor('file:///projects/me/secret-project');
    assert.match(id, /^[0-9a-f]{16}$/);
    assert.ok(!id.includes('secret'));
  });

  it('is "no-workspace" when no folder is open', () => {
    assert.equal(workspaceIdFor(undefined), NO_WORKSPACE_ID);
  });
});

import assert from 'node:assert/strict';
import { healthState } from '../../../client/webview/healthState';

describe('healthState', () => {
  it("says what a breaker's state means for requests, never the breaker's own word", () => {
    assert.equal(healthState('closed'), 'in use');
    assert.equal(healthState('open'), 'paused after failures');
    assert.equal(healthState('half-open'), 'being tried again');
    for (const state of ['closed', 'open', 'half-open'] as const) assert.doesNotMatch(healthState(state), /closed|open/);
  });
});

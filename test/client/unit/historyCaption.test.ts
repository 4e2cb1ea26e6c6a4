import * as assert from 'node:assert/strict';
import { historyCaption } from '../../../client/webview/historyCaption';

describe('historyCaption (under the routing log)', () => {
  it('says the log shows only the latest requests, and where all of them are', () => {
    assert.equal(historyCaption(100, 3001), 'The latest 100 of 3,001 requests; Export Usage… writes every one.');
  });

  it('does not promise more than an export holds', () => {
    assert.equal(historyCaption(100, 25_000), 'The latest 100 of 25,000 requests; Export Usage… writes the latest 10,000.');
  });

  it('says nothing when every request is listed', () => {
    assert.equal(historyCaption(12, 12), undefined);
    assert.equal(historyCaption(0, 0), undefined);
  });
});

import assert from 'node:assert/strict';
import { serverRestartedStatus, serverStoppedMessage } from '../../../client/src/server/serverNotices';

describe('serverStoppedMessage: a router server that stopped on its own is never passed over in silence', () => {
  it('says it stopped unexpectedly and was started again', () => {
    assert.equal(serverStoppedMessage('restarting', 0, 1), 'LLM Router: the router server stopped unexpectedly and was started again.');
  });

  it('says a request that was running failed, and that what it streamed is not in the spend', () => {
    assert.match(serverStoppedMessage('restarting', 1, 1), /A request that was running failed; the part of an answer streamed before the stop is not in the spend\.$/);
    assert.match(serverStoppedMessage('restarting', 3, 2), /3 requests that were running failed/);
  });

  it('says, when it stays stopped, how often it stopped, that requests fail, and to run Restart Server', () => {
    const said = serverStoppedMessage('gave-up', 0, 6);
    assert.match(said, /stopped unexpectedly 6 times in 3 minutes, so it was not started again/);
    assert.match(said, /requests fail until it runs/);
    assert.match(said, /Restart Server/);
  });
});

describe('serverRestartedStatus', () => {
  it('says the server restarted, and how many of this window\'s requests it ended', () => {
    assert.equal(serverRestartedStatus(0), '$(check) LLM Router: server restarted');
    assert.equal(serverRestartedStatus(1), '$(check) LLM Router: server restarted (a request ended and recorded as cancelled)');
    assert.equal(serverRestartedStatus(2), '$(check) LLM Router: server restarted (2 requests ended and recorded as cancelled)');
  });
});

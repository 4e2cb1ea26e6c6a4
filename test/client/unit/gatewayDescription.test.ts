import assert from 'node:assert/strict';
import { gatewayAfterRestartNotice, gatewayStoppedMessage } from '../../../client/src/gateway/gatewayDescription';
import type { GatewayStatus } from '../../../shared/protocol';

const URL = 'http://127.0.0.1:8787/v1';
const SERVING: GatewayStatus = { running: true, url: URL, port: 8787, workspaceId: 'ws-1' };

describe('gatewayAfterRestartNotice: a router server restart announces no stop for a gateway that comes back', () => {
  it('says nothing when the gateway is back on its address, serving or standing by behind another window', () => {
    assert.equal(gatewayAfterRestartNotice(SERVING, { ...SERVING }), undefined);
    assert.equal(gatewayAfterRestartNotice(SERVING, { ...SERVING, standby: true, workspaceId: 'ws-2' }), undefined);
  });

  it('says nothing at the first start, or when the gateway was not running before', () => {
    assert.equal(gatewayAfterRestartNotice({ running: false }, SERVING), undefined);
    assert.equal(gatewayAfterRestartNotice({ running: false }, { failed: 'EACCES' }), undefined);
  });

  it('says the gateway stopped when it did not start again, with why, the address agents lose and what to do', () => {
    const notice = gatewayAfterRestartNotice(SERVING, { failed: 'listen EACCES: permission denied 127.0.0.1:8787' });
    assert.equal(notice?.copy, false);
    assert.match(notice!.message, /^LLM Router gateway stopped: it did not start again after the router server restarted \(listen EACCES/);
    assert.match(notice!.message, /Agents using http:\/\/127\.0\.0\.1:8787\/v1 get no answer/);
    assert.match(notice!.message, /Start Gateway/);
    assert.match(gatewayAfterRestartNotice(SERVING, { running: false })!.message, /^LLM Router gateway stopped: it did not start again/);
  });

  it('says where the gateway moved when its port was taken meanwhile, offering to copy the configuration again', () => {
    const moved = { running: true, url: 'http://127.0.0.1:40123/v1', port: 40123, requestedPort: 8787, workspaceId: 'ws-1' };
    const notice = gatewayAfterRestartNotice(SERVING, moved);
    assert.equal(notice?.copy, true);
    assert.match(notice!.message, /moved to http:\/\/127\.0\.0\.1:40123\/v1/);
  });

  it('leaves "stopped" to Stop Gateway, which still says it', () => {
    assert.equal(gatewayStoppedMessage(SERVING, false), 'LLM Router gateway stopped.');
  });
});

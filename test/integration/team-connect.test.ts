// Connect to Team Gateway… tries the address and token before saving anything: here against a
// real `dist/server.js --http` gateway, as the command does (client/src/team/tryTeamGateway.ts).
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { tryTeamGateway } from '../../client/src/team/tryTeamGateway';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { gatewayEnv, gatewaySettings } from './gateway-fixtures';
import { GatewayProcess } from './gateway-process';

const TOKEN = 'team-connect-token-0123456789abcdef';

describe('Connect to Team Gateway: trying the gateway before saving (integration)', function () {
  this.timeout(20_000);
  const fake = useFakeProviders();
  let gateway: GatewayProcess;

  before(async () => {
    gateway = await GatewayProcess.start({ settings: gatewaySettings(fake()), env: { ...gatewayEnv, LLM_ROUTER_GATEWAY_TOKEN: TOKEN } });
  });
  after(async () => {
    await gateway?.stop();
  });

  it("accepts the gateway with the right token, whichever way the address is typed, with the developer's usage", async () => {
    const typed = gateway.url.replace(/\/v1$/, '/');
    const tried = await tryTeamGateway(typed, TOKEN, 'ws-connect');
    assert.ok(tried.ok, JSON.stringify(tried));
    assert.equal(tried.base, gateway.url);
    assert.equal(tried.usage.workspaceId, 'ws-connect');
  });

  it('refuses a wrong token with the message that says to ask for a new one', async () => {
    const tried = await tryTeamGateway(gateway.url, 'not-the-token-0123456789abcdef', 'ws-connect');
    assert.equal(tried.ok, false);
    assert.match(!tried.ok ? tried.message : '', /refused your token/);
  });

  it('says when nothing answers at the address, or something that is not an LLM Router gateway', async () => {
    const other = createServer((_req, res) => res.writeHead(404).end('not here'));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const port = (other.address() as { port: number }).port;
    try {
      const notRouter = await tryTeamGateway(`http://127.0.0.1:${port}`, TOKEN, 'ws');
      assert.equal(notRouter.ok, false);
      assert.match(!notRouter.ok ? notRouter.message : '', /404: it is not an LLM Router gateway/);
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
    const nobody = await tryTeamGateway(`http://127.0.0.1:${port}`, TOKEN, 'ws');
    assert.equal(nobody.ok, false);
    assert.match(!nobody.ok ? nobody.message : '', /cannot be reached \(ECONNREFUSED\)/);
  });
});

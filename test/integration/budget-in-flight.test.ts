// A budget refusal while another request is still running: that request's reservation (its
// maximum cost) counts against the limit, but nothing of it is spent yet. Every face shows the
// server's sentence, so it must say the two apart ("$0.00 spent + $0.06 in flight of $0.01"),
// not call the reservation "used".
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { ErrorCodes, ExecuteRequest, GatewayRequest } from '../../shared/protocol';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { API_KEYS, fakeSettings } from './fixtures';
import { freePort } from './free-port';
import { ServerProcess } from './server-process';

const WORKSPACE = 'ws-in-flight';
const TOKEN = 'tok-in-flight-0123456789abcdefghijklmnop';
/** "Daily budget: $0.00 spent + $0.0614 in flight of $0.01 (614%)": spent and in flight apart. */
const SPENT_AND_IN_FLIGHT = /Daily budget: \$0\.00 spent \+ \$0\.\d+ in flight of \$0\.01 \(\d+%\)/;

describe('router server: a budget refusal while a request is in flight (integration)', function () {
  this.timeout(30_000);
  const fake = useFakeProviders();
  let server: ServerProcess;

  beforeEach(async () => {
    // One request's maximum cost on big-coder is several cents: the first one in flight fills the limit.
    const settings = fakeSettings(fake(), { cache: { enabled: false }, budget: { dailyUsd: 0.01, onExceed: 'block' } });
    server = await ServerProcess.start({ settings, apiKeys: API_KEYS });
  });
  afterEach(async () => {
    await server.stop();
  });

  const ask = (prompt: string) =>
    server.connection.sendRequest(ExecuteRequest.type, { workspaceId: WORKSPACE, kind: 'ask', model: 'local/big-coder', prompt });

  it('says what is spent and what is reserved in flight, on router/execute and in the gateway\'s 402 body', async () => {
    fake().script({ kind: 'slow', delayMs: 1_500 }, { times: 1 });
    const first = ask('design a lock-free queue');
    await until(() => fake().requests.length === 1);

    await assert.rejects(ask('and a lock-free stack'), (e: { code: number; message: string }) => {
      assert.equal(e.code, ErrorCodes.BudgetBlocked);
      assert.match(e.message, SPENT_AND_IN_FLIGHT);
      assert.doesNotMatch(e.message, /used/, 'a reservation is not money used');
      return true;
    });

    const port = await freePort();
    await server.connection.sendRequest(GatewayRequest.type, { action: 'start', port, token: TOKEN, workspaceId: WORKSPACE });
    const client = new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: TOKEN, maxRetries: 0 });
    const refused = await client.chat.completions
      .create({ model: 'local/big-coder', messages: [{ role: 'user', content: 'and a lock-free deque' }] })
      .then(() => undefined, (e: unknown) => e);
    assert.ok(refused instanceof OpenAI.APIError, String(refused));
    assert.equal(refused.status, 402);
    assert.match(refused.message, SPENT_AND_IN_FLIGHT);

    const answered = await first;
    assert.ok(answered.usage.costUsd > 0 && answered.usage.costUsd < 0.01, `the request in flight cost ${answered.usage.costUsd}, under its reservation`);
    assert.equal(fake().requests.length, 1, 'the refused requests reached no provider');
  });

  it('says "used" once nothing is in flight, with what was really spent', async () => {
    await server.stop();
    // A limit the first answer passes on its own.
    const settings = fakeSettings(fake(), { cache: { enabled: false }, budget: { dailyUsd: 0.0001, onExceed: 'block' } });
    server = await ServerProcess.start({ settings, apiKeys: API_KEYS });
    const answered = await ask('design a lock-free queue');
    assert.ok(answered.usage.costUsd > 0.0001, `the first answer (${answered.usage.costUsd}) passes the limit`);
    await assert.rejects(ask('and a lock-free stack'), (e: { code: number; message: string }) => {
      assert.equal(e.code, ErrorCodes.BudgetBlocked);
      assert.doesNotMatch(e.message, /in flight/);
      const spent = /Daily budget: \$(\d+\.\d+) of \$0\.0001 used/.exec(e.message);
      assert.ok(spent, e.message);
      assert.ok(Math.abs(Number(spent[1]) - answered.usage.costUsd) < 0.0001, `${spent[1]} is the spend ${answered.usage.costUsd}`);
      return true;
    });
  });
});

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

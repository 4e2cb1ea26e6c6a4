// Faults a second outside probe found at the HTTP gateway, each with the request that
// showed it: the answer is a 400 naming the field (or a well-formed answer), no provider is
// called or blamed for the client's fault, and other requests keep being served.
import assert from 'node:assert/strict';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { API_KEYS, fakeSettings } from './fixtures';
import { GatewayProcess } from './gateway-process';

/** A JSON Schema nested `depth` levels deep, as text: a client may send any. */
const nestedSchema = (depth: number) => '{"type":"object","properties":{"a":'.repeat(depth) + '{"type":"string"}' + '}}'.repeat(depth);
const nestedArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('HTTP gateway: faults found by the second outside probe (integration)', function () {
  this.timeout(30_000);
  const fake = useFakeProviders();
  let gateway: GatewayProcess;

  before(async () => {
    // Breakers open after 3 failures: three deep requests used to open every model's.
    gateway = await GatewayProcess.start({
      settings: fakeSettings(fake(), { cache: { enabled: false } }),
      env: { LLM_ROUTER_GATEWAY_TOKEN: '', ANTHROPIC_API_KEY: API_KEYS.claude },
    });
  });
  after(async () => {
    await gateway.stop();
  });

  const post = async (path: string, body: string) => {
    const response = await fetch(`${gateway.url}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return { status: response.status, body: (await response.json()) as { error: { message: string; param?: string } } };
  };

  const deep: [string, string, string, string][] = [
    ['a tool schema', 'chat/completions', `{"model":"auto","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"t","parameters":${nestedSchema(100_000)}}}]}`, 'tools[0].function.parameters'],
    ['a JSON output schema', 'chat/completions', `{"model":"auto","messages":[{"role":"user","content":"hi"}],"response_format":{"type":"json_schema","json_schema":{"name":"x","schema":${nestedSchema(100_000)}}}}`, 'response_format.json_schema.schema'],
    ['an Anthropic tool schema', 'messages', `{"model":"auto","max_tokens":50,"messages":[{"role":"user","content":"hi"}],"tools":[{"name":"t","input_schema":${nestedSchema(100_000)}}]}`, 'tools[0].input_schema'],
    [
      "an Anthropic tool call's input",
      'messages',
      `{"model":"auto","max_tokens":50,"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"t","input":{"a":${nestedArray(100_000)}}}]},` +
        '{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"ok"}]}],"tools":[{"name":"t","input_schema":{"type":"object"}}]}',
      'messages[1].content[0].input',
    ],
  ];
  for (const [what, path, body, param] of deep) {
    it(`refuses ${what} nested 100,000 levels deep with a 400 naming it, before any provider call`, async () => {
      const answer = await post(path, body);
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      assert.match(answer.body.error.message, new RegExp(`'${param.replace(/[[\]().]/g, '\\$&')}': nested more than 100 levels deep`));
      assert.equal(fake().requests.length, 0);
    });
  }

  it('still answers with the first choice after deep requests: the models were not blamed for them', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await post(deep[0][1], deep[0][2])).status, 400);
    const response = await fetch(`${gateway.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'local/tiny-coder', messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-llm-router-model'), 'local/tiny-coder');
  });
});

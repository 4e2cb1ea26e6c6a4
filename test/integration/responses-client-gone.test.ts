// A client of `POST /v1/responses` that goes away while its answer streams, at each stage
// (before the first event, after response.created, in the text, in a call's arguments): the
// provider call is aborted, the request is recorded once as cancelled at the cost of what was
// streamed, and the gateway does not log it as a failure of its own (it used to log a 502
// "failed after part of its answer was streamed" for every caller that hung up).
import assert from 'node:assert/strict';
import { request } from 'node:http';
import type { HistoryEntry } from '../../shared/protocol';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { gatewayEnv, gatewaySettings } from './gateway-fixtures';
import { GatewayProcess } from './gateway-process';

const TOOLS = [{ type: 'function', name: 'note', parameters: { type: 'object', properties: { text: { type: 'string' } } } }];

/** Where the client hangs up: once the stream so far satisfies `reached` ('' before any byte arrived). */
const STAGES: { stage: string; tools: boolean; reached: (text: string) => boolean; billsOutput: boolean }[] = [
  { stage: 'before the first event', tools: false, reached: () => true, billsOutput: false },
  { stage: 'after response.created', tools: false, reached: (t) => t.includes('event: response.created'), billsOutput: false },
  { stage: 'in the text', tools: false, reached: (t) => t.includes('event: response.output_text.delta'), billsOutput: true },
  { stage: "in a call's arguments", tools: true, reached: (t) => t.includes('event: response.function_call_arguments.delta'), billsOutput: true },
];

describe('HTTP gateway: a Responses API client going away mid-stream (integration)', function () {
  this.timeout(30_000);
  // Every answer streams one event per 40 ms, so each stage is reached well before its end.
  const fake = useFakeProviders({ delayMs: 150, chunkDelayMs: 40 });
  let gateway: GatewayProcess;

  before(async () => {
    gateway = await GatewayProcess.start({ settings: gatewaySettings(fake()), env: gatewayEnv });
  });
  after(async () => {
    await gateway?.stop();
  });

  /** Streams a request and destroys the connection once `reached` holds; resolves with what had arrived. */
  function streamAndHangUp(workspace: string, body: object, reached: (text: string) => boolean): Promise<string> {
    const { hostname, port } = new URL(gateway.url);
    return new Promise((resolve) => {
      let text = '';
      const req = request({ host: hostname, port, path: '/v1/responses', method: 'POST', headers: { 'content-type': 'application/json', 'x-llm-router-workspace': workspace } });
      const hangUp = () => {
        req.destroy();
        resolve(text);
      };
      req.on('response', (res) => {
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (reached(text)) hangUp();
        });
        res.on('end', () => resolve(text));
      });
      req.on('error', () => resolve(text));
      req.end(JSON.stringify(body));
      // Before any byte: hang up while the provider is still thinking (it answers after 150 ms).
      if (reached('')) setTimeout(hangUp, 60);
    });
  }

  async function history(workspace: string): Promise<HistoryEntry[]> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const res = await fetch(`${gateway.url}/router/history`, { headers: { 'x-llm-router-workspace': workspace } });
      const rows = ((await res.json()) as { history: HistoryEntry[] }).history;
      if (rows.length > 0 || Date.now() > deadline) return rows;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  for (const model of ['local/tiny-coder', 'claude/claude-fake']) {
    for (const { stage, tools, reached, billsOutput } of STAGES) {
      it(`aborts ${model}'s call, records it once as cancelled and logs no failure when the client leaves ${stage}`, async () => {
        const workspace = `gone-${model.split('/')[0]}-${stage.replace(/\W+/g, '-')}`;
        const modelId = model.split('/')[1];
        if (tools) fake().script({ kind: 'tool-calls', text: 'Let me write that down for you', calls: [{ name: 'note', arguments: { text: 'x'.repeat(200) } }] }, { model: modelId });
        const logged = gateway.stderr.length;
        const got = await streamAndHangUp(workspace, { model, stream: true, input: 'Write a long story about the sea', ...(tools ? { tools: TOOLS } : {}) }, reached);
        assert.doesNotMatch(got, /event: error|response\.completed/, 'the client left a stream before its end');

        const rows = await history(workspace);
        assert.equal(rows.length, 1, 'recorded once');
        assert.equal(rows[0].outcome, 'cancelled');
        if (billsOutput) assert.ok(rows[0].outputTokens > 0 && rows[0].costUsd > 0, `what was streamed is billed: ${JSON.stringify(rows[0])}`);
        assert.deepEqual(rows[0].attempts.map((a) => [a.model, a.error]), [[model, 'cancelled']], 'one attempt, cancelled: no fallback after the client left');
        const calls = fake().requestsFor(modelId);
        assert.ok(calls.length <= 1);
        // Before the first event the provider may not have been reached yet (its call was then cancelled before it was sent).
        if (billsOutput) assert.equal(calls[0]?.clientGone, true, 'the provider saw its call aborted');
        // The gateway logs failures of its own (5xx); a caller hanging up is none.
        await new Promise((r) => setTimeout(r, 100));
        assert.equal(gateway.stderr.slice(logged), '', 'nothing logged');
      });
    }
  }
});

// Provider faults after a 200 that a third probe (session 11) found the gateway reporting
// wrongly, through the official SDKs on both of its faces against the fake providers:
// - an Anthropic `event: error` with overloaded_error after part of the answer reached the
//   client: the client is told the provider was overloaded (it used to read api_error, which
//   Claude Code does not retry as an overload), and the part streamed is still billed;
// - a 200 whose body is not JSON: the provider took the request and may have charged for its
//   prompt, so the attempt is billed the router's estimate of the prompt (it was recorded at
//   $0), once, beside the fallback's answer.
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI, { APIError } from 'openai';
import { roundUsd } from '../../server/src/ledger/round-usd';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { expectedCost, type PRICES } from './fixtures';
import { gatewayHistory, startGatewayWithSdks } from './gateway-fixtures';
import { GatewayProcess } from './gateway-process';

const WORDS = 'one two three four five six seven eight nine ten';

describe('HTTP gateway: provider faults after a 200 (integration)', function () {
  this.timeout(30_000);
  const fake = useFakeProviders();
  let gateway: GatewayProcess;
  let openai: OpenAI;
  let anthropic: Anthropic;

  before(async () => {
    ({ gateway, openai, anthropic } = await startGatewayWithSdks(fake()));
  });
  after(async () => {
    await gateway.stop();
  });

  const history = (workspace: string) => gatewayHistory(gateway, workspace);

  it('tells an Anthropic client overloaded_error when Claude sends it mid-stream, and bills the part streamed', async () => {
    fake().script({ kind: 'stream-error', status: 529 }, { model: 'claude-fake' });
    const stream = anthropic.messages.stream(
      { model: 'claude/claude-fake', max_tokens: 100, messages: [{ role: 'user', content: WORDS }] },
      { headers: { 'x-llm-router-workspace': 'overloaded-anthropic' } },
    );
    let text = '';
    stream.on('text', (delta) => (text += delta));
    await assert.rejects(stream.finalMessage(), (e: InstanceType<typeof Anthropic.APIError>) => {
      assert.equal((e.error as { error?: { type?: string } }).error?.type, 'overloaded_error', e.message);
      assert.match(e.message, /failed after part of its answer was streamed/);
      return true;
    });
    assert.ok(text.length > 0, 'part of the answer had been streamed');
    const [entry] = await history('overloaded-anthropic');
    const broken = entry.attempts.find((a) => a.model === 'claude/claude-fake' && !a.ok);
    assert.ok(broken?.billed && broken.billed.outputTokens > 0 && (broken.billed.costUsd ?? 0) > 0, JSON.stringify(entry));
  });

  it('tells an OpenAI client server_is_overloaded when the model it streams from is overloaded mid-stream', async () => {
    fake().script({ kind: 'stream-error', status: 529 }, { model: 'claude-fake' });
    const stream = await openai.chat.completions.create(
      { model: 'claude/claude-fake', messages: [{ role: 'user', content: WORDS }], stream: true },
      { headers: { 'x-llm-router-workspace': 'overloaded-openai' } },
    );
    let text = '';
    await assert.rejects(
      (async () => {
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      })(),
      (e: APIError) => {
        const error = e.error as { type?: string; code?: string };
        assert.deepEqual([error.type, error.code], ['server_error', 'server_is_overloaded'], e.message);
        return true;
      },
    );
    assert.ok(text.length > 0, 'part of the answer had been streamed');
    const [entry] = await history('overloaded-openai');
    assert.ok(entry.attempts.some((a) => a.model === 'claude/claude-fake' && !a.ok && (a.billed?.outputTokens ?? 0) > 0), JSON.stringify(entry));
  });

  it('still says api_error to an Anthropic client for a mid-stream failure that is not an overload', async () => {
    fake().script({ kind: 'stream-error', status: 500 }, { model: 'claude-fake' });
    const stream = anthropic.messages.stream({ model: 'claude/claude-fake', max_tokens: 100, messages: [{ role: 'user', content: WORDS }] });
    await assert.rejects(stream.finalMessage(), (e: InstanceType<typeof Anthropic.APIError>) => {
      assert.equal((e.error as { error?: { type?: string } }).error?.type, 'api_error', e.message);
      return true;
    });
  });

  it('bills a 200 that is not JSON the prompt\'s estimate, marked estimated, beside the fallback that answers', async () => {
    fake().script({ kind: 'malformed' }, { model: 'tiny-coder' });
    const { data, response } = await openai.chat.completions
      .create({ model: 'local/tiny-coder', messages: [{ role: 'user', content: WORDS }] }, { headers: { 'x-llm-router-workspace': 'unreadable' } })
      .withResponse();
    assert.notEqual(data.model, 'local/tiny-coder', 'another model answered');
    assert.deepEqual(fake().requests.map((r) => r.behaviour), ['malformed', 'ok']);
    const [entry] = await history('unreadable');
    const unreadable = entry.attempts.filter((a) => a.model === 'local/tiny-coder');
    assert.equal(unreadable.length, 1);
    const bill = unreadable[0].billed;
    assert.ok(bill && bill.inputTokens > 0 && bill.outputTokens === 0 && bill.reported === undefined, JSON.stringify(entry));
    // As every report gives a dollar figure: rounded to 1e-10 USD (round-usd.ts).
    assert.equal(bill.costUsd, roundUsd(expectedCost('local/tiny-coder', bill.inputTokens, 0)));
    // The request's cost, in the ledger and for the client: the answer's own plus the unreadable reply's estimate, each once.
    const answerCost = expectedCost(data.model as keyof typeof PRICES, data.usage!.prompt_tokens, data.usage!.completion_tokens);
    assert.ok(Math.abs(entry.costUsd - (answerCost + bill.costUsd!)) < 1e-12, `${entry.costUsd} vs ${answerCost} + ${bill.costUsd}`);
    assert.equal(Number(response.headers.get('x-llm-router-cost-usd')), entry.costUsd);
    assert.equal(response.headers.get('x-llm-router-cost-basis'), 'estimated');
    assert.deepEqual([entry.outcome, entry.tokensEstimated], ['ok', true]);
  });

  it('records a request whose every reply was unreadable as failed, at the prompts\' estimated cost', async () => {
    fake().script({ kind: 'malformed' }, { times: 'always' });
    await assert.rejects(
      openai.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: WORDS }] }, { headers: { 'x-llm-router-workspace': 'all-unreadable' } }),
      (e: APIError) => e.status === 502,
    );
    const [entry] = await history('all-unreadable');
    assert.equal(entry.outcome, 'failed');
    assert.equal(entry.attempts.length, fake().requests.length);
    assert.ok(entry.attempts.every((a) => !a.ok && a.billed !== undefined && a.billed.inputTokens > 0), JSON.stringify(entry));
    const billed = entry.attempts.reduce((sum, a) => sum + (a.billed?.costUsd ?? 0), 0);
    assert.ok(billed > 0 && Math.abs(entry.costUsd - billed) < 1e-12, `${entry.costUsd} vs ${billed}`);
    assert.equal(entry.tokensEstimated, true);
  });
});

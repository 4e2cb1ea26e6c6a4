// A model that declines to answer, through the gateway in each of its three APIs, driven by the
// official SDKs against fakes that refuse in their own wire format: OpenAI's `message.refusal`
// (streamed as `delta.refusal`) and Anthropic's stop_reason "refusal" (after the text written
// before it). Each client gets the refusal in its own API's shape whichever provider refused;
// the request is answered, billed and recorded as refused, and no other model is tried.
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { DECLINED_WORDS } from '../../server/src/gateway/refusal';
import { countWords } from '../fakes/reply';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { expectedCost } from './fixtures';
import { gatewayHistory, startGatewayWithSdks } from './gateway-fixtures';
import { GatewayProcess } from './gateway-process';

const WORDS = "I'm sorry, but I can't help with that request.";
/** What the Anthropic model wrote before its classifier stopped it. */
const BEFORE = 'Here is how one would start:';
const ASK = 'Tell me something I should not know';
/** Anthropic's explanation of its refusal (stop_details), which is not the model's words. */
const EXPLANATION = 'This request could enable malware development.';
const EXPLAINED = { kind: 'refusal' as const, text: BEFORE, category: 'cyber', explanation: EXPLANATION };

describe('HTTP gateway: a provider\'s refusal, in every API (integration)', function () {
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

  const inWorkspace = (workspace: string) => ({ headers: { 'x-llm-router-workspace': workspace } });

  const history = (workspace: string) => gatewayHistory(gateway, workspace);

  /** One request, to the model that refused, recorded as answered, billed for its words and marked refused. */
  async function assertRecordedRefusal(workspace: string, model: 'local/tiny-coder' | 'claude/claude-fake', outputWords: string): Promise<void> {
    assert.deepEqual(fake().requests.map((r) => `${r.model} ${r.behaviour}`), [`${model.split('/')[1]} refusal`], 'one call: a refusal is not retried or fallen back on');
    const [entry] = await history(workspace);
    assert.equal(entry.outcome, 'ok');
    assert.equal(entry.refused, true);
    assert.equal(entry.model, model);
    assert.equal(entry.outputTokens, countWords(outputWords));
    assert.ok(entry.costUsd > 0 && Math.abs(entry.costUsd - expectedCost(model, entry.inputTokens, entry.outputTokens)) < 1e-12, JSON.stringify(entry));
  }

  describe('an OpenAI client (chat completions)', () => {
    it('gets an OpenAI provider\'s refusal as message.refusal, content null, finish_reason "stop"; recorded as refused and billed', async () => {
      fake().script({ kind: 'refusal', text: WORDS }, { model: 'tiny-coder' });
      const answer = await openai.chat.completions.create({ model: 'local/tiny-coder', messages: [{ role: 'user', content: ASK }] }, inWorkspace('oa-json'));
      const [choice] = answer.choices;
      assert.equal(choice.message.refusal, WORDS);
      assert.equal(choice.message.content, null);
      assert.equal(choice.finish_reason, 'stop');
      assert.equal(answer.usage?.completion_tokens, countWords(WORDS));
      await assertRecordedRefusal('oa-json', 'local/tiny-coder', WORDS);
    });

    it('gets it streamed as delta.refusal pieces, no content, which the SDK assembles into message.refusal', async () => {
      fake().script({ kind: 'refusal', text: WORDS }, { model: 'tiny-coder' });
      const stream = openai.chat.completions.stream({ model: 'local/tiny-coder', messages: [{ role: 'user', content: ASK }] }, inWorkspace('oa-stream'));
      const pieces: string[] = [];
      stream.on('chunk', (chunk) => {
        const delta = chunk.choices[0]?.delta as { refusal?: string | null; content?: string | null } | undefined;
        if (delta?.refusal) pieces.push(delta.refusal);
        assert.ok(!delta?.content, `content in a refusal's stream: ${JSON.stringify(delta)}`);
      });
      const final = await stream.finalChatCompletion();
      assert.ok(pieces.length > 1, 'the refusal arrived in pieces');
      assert.equal(pieces.join(''), WORDS);
      assert.equal(final.choices[0].message.refusal, WORDS);
      assert.equal(final.choices[0].finish_reason, 'stop');
      await assertRecordedRefusal('oa-stream', 'local/tiny-coder', WORDS);
    });

    it('gets an Anthropic provider\'s refusal (stop_reason "refusal") as message.refusal, with the text written before it as content', async () => {
      fake().script({ kind: 'refusal', text: BEFORE }, { model: 'claude-fake', times: 2 });
      const request = { model: 'claude/claude-fake', messages: [{ role: 'user' as const, content: ASK }] };
      const answer = await openai.chat.completions.create(request, inWorkspace('an-to-oa'));
      assert.equal(answer.choices[0].message.content, BEFORE);
      assert.equal(answer.choices[0].message.refusal, DECLINED_WORDS);
      assert.equal(answer.choices[0].finish_reason, 'stop');
      await assertRecordedRefusal('an-to-oa', 'claude/claude-fake', BEFORE);

      fake().reset();
      fake().script({ kind: 'refusal', text: BEFORE }, { model: 'claude-fake' });
      const streamed = await openai.chat.completions.stream(request, inWorkspace('an-to-oa-stream')).finalChatCompletion();
      assert.equal(streamed.choices[0].message.content, BEFORE);
      assert.equal(streamed.choices[0].message.refusal, DECLINED_WORDS);
      assert.equal(streamed.choices[0].finish_reason, 'stop');
    });

    it('gets an Anthropic provider\'s explained refusal in its API\'s own fields only (chat completions and Responses): the explanation is in neither body', async () => {
      fake().script(EXPLAINED, { model: 'claude-fake', times: 2 });
      const request = { model: 'claude/claude-fake', messages: [{ role: 'user' as const, content: ASK }] };
      const answer = await openai.chat.completions.create(request, inWorkspace('an-explained-to-oa'));
      assert.deepEqual([answer.choices[0].message.content, answer.choices[0].message.refusal], [BEFORE, DECLINED_WORDS]);
      assert.ok(!JSON.stringify(answer).includes(EXPLANATION), JSON.stringify(answer));
      const response = await openai.responses.create({ model: 'claude/claude-fake', input: ASK }, inWorkspace('an-explained-to-rs'));
      assert.equal(response.output_text, BEFORE);
      assert.ok(!JSON.stringify(response).includes(EXPLANATION), JSON.stringify(response));
    });
  });

  describe('an Anthropic client (messages)', () => {
    it('gets an Anthropic provider\'s refusal as stop_reason "refusal" after the text written before it, plain and streamed', async () => {
      fake().script({ kind: 'refusal', text: BEFORE }, { model: 'claude-fake', times: 2 });
      const request = { model: 'claude/claude-fake', max_tokens: 200, messages: [{ role: 'user' as const, content: ASK }] };
      const message = await anthropic.messages.create(request, inWorkspace('an-json'));
      assert.equal(message.stop_reason, 'refusal');
      assert.equal(message.stop_details, null, 'the provider explained nothing');
      assert.deepEqual(message.content.map((b) => (b.type === 'text' ? b.text : b.type)), [BEFORE]);
      await assertRecordedRefusal('an-json', 'claude/claude-fake', BEFORE);

      fake().reset();
      fake().script({ kind: 'refusal', text: BEFORE }, { model: 'claude-fake' });
      const streamed = await anthropic.messages.stream(request, inWorkspace('an-stream')).finalMessage();
      assert.equal(streamed.stop_reason, 'refusal');
      assert.equal(streamed.stop_details, null);
      assert.deepEqual(streamed.content.map((b) => (b.type === 'text' ? b.text : b.type)), [BEFORE]);
    });

    it('gets an Anthropic provider\'s explanation as stop_details on the message and on message_delta, never glued to the text written before it; not recorded', async () => {
      fake().script(EXPLAINED, { model: 'claude-fake', times: 2 });
      const request = { model: 'claude/claude-fake', max_tokens: 200, messages: [{ role: 'user' as const, content: ASK }] };
      const details = { type: 'refusal', category: 'cyber', explanation: EXPLANATION };
      const message = await anthropic.messages.create(request, inWorkspace('an-explained'));
      assert.equal(message.stop_reason, 'refusal');
      assert.deepEqual(message.stop_details, details);
      assert.deepEqual(message.content.map((b) => (b.type === 'text' ? b.text : b.type)), [BEFORE]);
      await assertRecordedRefusal('an-explained', 'claude/claude-fake', BEFORE);
      assert.ok(!JSON.stringify(await history('an-explained')).includes(EXPLANATION), 'the explanation is not in the ledger');

      fake().reset();
      fake().script(EXPLAINED, { model: 'claude-fake' });
      const stream = anthropic.messages.stream(request, inWorkspace('an-explained-stream'));
      const events: Array<{ type: string; details: unknown }> = [];
      stream.on('streamEvent', (event) => {
        if (event.type === 'message_start') events.push({ type: event.type, details: event.message.stop_details });
        if (event.type === 'message_delta') events.push({ type: event.type, details: event.delta.stop_details });
      });
      const streamed = await stream.finalMessage();
      assert.deepEqual(events, [{ type: 'message_start', details: null }, { type: 'message_delta', details }]);
      assert.deepEqual(streamed.stop_details, details);
      assert.deepEqual(streamed.content.map((b) => (b.type === 'text' ? b.text : b.type)), [BEFORE]);
    });

    it('gets an OpenAI provider\'s refusal as its words in a text block with stop_reason "refusal", plain and streamed', async () => {
      fake().script({ kind: 'refusal', text: WORDS }, { model: 'tiny-coder', times: 2 });
      const request = { model: 'local/tiny-coder', max_tokens: 200, messages: [{ role: 'user' as const, content: ASK }] };
      const message = await anthropic.messages.create(request, inWorkspace('oa-to-an'));
      assert.equal(message.stop_reason, 'refusal');
      assert.equal(message.stop_details, null, 'an OpenAI refusal has no category or explanation: its words are the text');
      assert.deepEqual(message.content.map((b) => (b.type === 'text' ? b.text : b.type)), [WORDS]);
      await assertRecordedRefusal('oa-to-an', 'local/tiny-coder', WORDS);

      fake().reset();
      fake().script({ kind: 'refusal', text: WORDS }, { model: 'tiny-coder' });
      const streamed = await anthropic.messages.stream(request, inWorkspace('oa-to-an-stream')).finalMessage();
      assert.equal(streamed.stop_reason, 'refusal');
      assert.equal(streamed.stop_details, null);
      assert.deepEqual(streamed.content.map((b) => (b.type === 'text' ? b.text : b.type)), [WORDS]);
    });
  });

  describe('a Responses API client', () => {
    it('gets an OpenAI provider\'s refusal as a refusal content part, status completed; streamed as response.refusal.delta and .done', async () => {
      fake().script({ kind: 'refusal', text: WORDS }, { model: 'tiny-coder', times: 2 });
      const request = { model: 'local/tiny-coder', input: ASK };
      const response = await openai.responses.create(request, inWorkspace('rs-json'));
      assert.equal(response.status, 'completed');
      const [item] = response.output;
      assert.equal(item.type, 'message');
      assert.deepEqual(item.type === 'message' ? item.content : undefined, [{ type: 'refusal', refusal: WORDS }]);
      await assertRecordedRefusal('rs-json', 'local/tiny-coder', WORDS);

      fake().reset();
      fake().script({ kind: 'refusal', text: WORDS }, { model: 'tiny-coder' });
      const stream = openai.responses.stream(request, inWorkspace('rs-stream'));
      const deltas: string[] = [];
      let done: string | undefined;
      stream.on('response.refusal.delta', (event) => deltas.push(event.delta));
      stream.on('response.refusal.done', (event) => {
        done = event.refusal;
      });
      stream.on('response.output_text.delta', (event) => assert.fail(`text in a refusal's stream: ${event.delta}`));
      const final = await stream.finalResponse();
      assert.ok(deltas.length > 1, 'the refusal arrived in pieces');
      assert.equal(deltas.join(''), WORDS);
      assert.equal(done, WORDS);
      const [streamedItem] = final.output;
      const parts = streamedItem.type === 'message' ? streamedItem.content.map((p) => (p.type === 'refusal' ? `refusal: ${p.refusal}` : p.type)) : [];
      assert.deepEqual(parts, [`refusal: ${WORDS}`]);
    });

    it('gets an Anthropic provider\'s refusal as the text written before it, then a refusal part, plain and streamed', async () => {
      fake().script({ kind: 'refusal', text: BEFORE }, { model: 'claude-fake', times: 2 });
      const request = { model: 'claude/claude-fake', input: ASK };
      const response = await openai.responses.create(request, inWorkspace('an-to-rs'));
      const [item] = response.output;
      const parts = item.type === 'message' ? item.content.map((p) => (p.type === 'output_text' ? p.text : p.refusal)) : [];
      assert.deepEqual(parts, [BEFORE, DECLINED_WORDS]);
      assert.equal(response.output_text, BEFORE);
      await assertRecordedRefusal('an-to-rs', 'claude/claude-fake', BEFORE);

      fake().reset();
      fake().script({ kind: 'refusal', text: BEFORE }, { model: 'claude-fake' });
      const final = await openai.responses.stream(request, inWorkspace('an-to-rs-stream')).finalResponse();
      const [streamedItem] = final.output;
      const streamedParts = streamedItem.type === 'message' ? streamedItem.content.map((p) => (p.type === 'output_text' ? p.text : p.refusal)) : [];
      assert.deepEqual(streamedParts, [BEFORE, DECLINED_WORDS]);
    });
  });
});

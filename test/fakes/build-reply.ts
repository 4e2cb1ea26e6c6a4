// The reply a fake gives one request: the echo, or what the script or the request asks
// for (a text, tool calls, JSON, a cut at a stop sequence, cache counts, a truncation).
import type { Behaviour } from './behaviours';
import { countWords, fakeReply, withStop, withToolCalls, type FakeReply } from './reply';
import { jsonAnswer, plannedToolCalls } from './tool-reply';
import type { ParsedRequest, Wire } from './wire';

export function buildReply(wire: Wire, request: ParsedRequest, behaviour: Behaviour | undefined): FakeReply {
  const textOverride = behaviour?.kind === 'reply' || behaviour?.kind === 'truncated' || behaviour?.kind === 'refusal' ? behaviour.text : undefined;
  let reply = fakeReply(request.model, request.messages, textOverride);
  if (request.json && textOverride === undefined) reply = withText(reply, jsonAnswer(request.json, reply.text));

  const calls = plannedToolCalls(request, behaviour, wire);
  if (calls) {
    const text = behaviour?.kind === 'tool-calls' ? (behaviour.text ?? '') : '';
    reply = withToolCalls(withText(reply, text), calls);
  } else {
    reply = withStop(reply, request.stop);
  }

  if (behaviour?.kind === 'cached-prompt') {
    reply.cachedTokens = Math.min(behaviour.cachedTokens, reply.inputTokens);
    // Only Anthropic reports (and bills) writes to its prompt cache.
    if (wire.api === 'anthropic' && behaviour.writtenTokens) {
      reply.cacheWriteTokens = Math.min(behaviour.writtenTokens, reply.inputTokens - reply.cachedTokens);
    }
  }
  if (behaviour?.kind === 'reasoning') {
    reply.reasoningTokens = behaviour.reasoningTokens;
    reply.outputTokens += behaviour.reasoningTokens;
  }
  if (behaviour?.kind === 'usage') {
    if (behaviour.inputTokens !== undefined) reply.inputTokens = behaviour.inputTokens;
    if (behaviour.outputTokens !== undefined) reply.outputTokens = behaviour.outputTokens;
  }
  if (behaviour?.kind === 'refusal') {
    reply.refused = true;
    if (behaviour.category !== undefined || behaviour.explanation !== undefined) {
      reply.refusalDetails = { category: behaviour.category ?? null, explanation: behaviour.explanation ?? null };
    }
  }
  if (behaviour?.kind === 'truncated') {
    reply.truncated = true;
    if (behaviour.outputTokens !== undefined) reply.outputTokens = behaviour.outputTokens;
  }
  return reply;
}

function withText(reply: FakeReply, text: string): FakeReply {
  return { ...reply, text, outputTokens: countWords(text) };
}

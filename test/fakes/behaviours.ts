// What a fake does with one request, scripted per model / key / API so a test
// (or a separate process through /__control) can make a provider misbehave.

export type Api = 'openai' | 'anthropic';

export type Behaviour =
  /** An HTTP error in the provider's own error format, optionally with retry headers. */
  | { kind: 'status'; status: number; retryAfter?: string; retryAfterMs?: number; message?: string; errorCode?: string }
  /** Never answer; the socket stays open until the client gives up or the fake stops. */
  | { kind: 'hang' }
  /** Send part of the response, then destroy the socket. */
  | { kind: 'reset' }
  /** A 200 whose body (or one stream event) is not valid JSON. */
  | { kind: 'malformed' }
  /** A well-formed 200 with no usage anywhere. */
  | { kind: 'missing-usage' }
  /** End the response cleanly half-way: a truncated JSON body, or a stream without its finish. */
  | { kind: 'cut' }
  /** A stream that starts fine and then carries the provider's error event (e.g. Anthropic overloaded_error). */
  | { kind: 'stream-error'; status: number }
  /** Stream the first half of the answer's events, then go silent with the socket open (a stream that stalls half-way). */
  | { kind: 'stall' }
  /** Answer normally, but late and/or with pauses between stream events (a JSON answer comes when its last event would). */
  | { kind: 'slow'; delayMs?: number; chunkDelayMs?: number }
  /** Answer normally with this text instead of the echo. */
  | { kind: 'reply'; text: string }
  /**
   * Decline to answer, as each API does: OpenAI sends `text` as `message.refusal` (content
   * null; streamed as `delta.refusal` pieces, finish_reason "stop"); Anthropic sends `text` as
   * what the model wrote before its classifier stopped it, with stop_reason "refusal" (and no
   * text block when `text` is ''). The words are billed as output tokens. `category` and
   * `explanation` (Anthropic only) go in stop_details, on the message and on message_delta;
   * without either, stop_details is null.
   */
  | { kind: 'refusal'; text: string; category?: string | null; explanation?: string | null }
  /**
   * Answer normally, reporting this many prompt tokens as read from the prompt cache
   * (OpenAI's cached_tokens, Anthropic's cache_read_input_tokens) and, on the Anthropic
   * wire, `writtenTokens` as written to it (cache_creation_input_tokens).
   */
  | { kind: 'cached-prompt'; cachedTokens: number; writtenTokens?: number }
  /**
   * Answer normally, as a reasoning model does: `reasoningTokens` more output tokens, spent
   * thinking, reported on the OpenAI wire as completion_tokens_details.reasoning_tokens (part of
   * completion_tokens). Anthropic reports thinking inside output_tokens only: there they are added.
   */
  | { kind: 'reasoning'; reasoningTokens: number }
  /**
   * Answer with these tool calls (several are parallel calls), after `text` when given,
   * finishing with finish_reason "tool_calls" / stop_reason "tool_use". `cut`: the stream
   * ends cleanly half-way through its events (a call broken off); a JSON body is cut in half.
   */
  | { kind: 'tool-calls'; calls: ScriptedToolCall[]; text?: string; cut?: boolean }
  /** Answer with one call of `name` (default: the request's first tool) whose arguments are not valid JSON. */
  | { kind: 'invalid-tool-arguments'; name?: string }
  /**
   * Act like OpenAI's reasoning models (o-series, gpt-5): a request that sets a temperature
   * other than 1 gets the 400 they send; one without answers normally. OpenAI wire only.
   */
  | { kind: 'fixed-temperature' }
  /**
   * Answer but say the answer stopped at its token limit (finish_reason "length" / stop_reason
   * "max_tokens"); `text` and `outputTokens` replace the echo, e.g. '' and 256 for a reasoning
   * model that spent its whole limit thinking.
   */
  | { kind: 'truncated'; text?: string; outputTokens?: number }
  /**
   * Answer normally, but report these token counts in its usage (a provider whose usage is
   * corrupt: 1e12 tokens for a one-line answer).
   */
  | { kind: 'usage'; inputTokens?: number; outputTokens?: number }
  /**
   * A 200 whose stream (or JSON body) turns into one line that never ends: the first event,
   * then `megabytes` of one event's data without a newline, then the socket stays open.
   */
  | { kind: 'endless-line'; megabytes: number }
  /**
   * A stream that starts, then only keeps itself alive: an event that carries nothing
   * (Anthropic's ping, an OpenAI chunk with an empty delta) every `everyMs`, forever.
   */
  | { kind: 'keep-alive'; everyMs: number };

export interface ScriptedToolCall {
  name: string;
  /** An object is sent as its JSON; a string is sent as it is (it may be invalid). Default: what the tool's schema needs. */
  arguments?: Record<string, unknown> | string;
  /** Default: a new id in the provider's style (call_..., toolu_...). */
  id?: string;
}

export interface ScriptMatch {
  model?: string;
  /** The API key the request carried. */
  key?: string;
  api?: Api;
  /**
   * Only a request that offers a tool of this name: an agent's tool turn, not the side
   * requests (a conversation title, a summary) it may send beside it without tools.
   */
  offersTool?: string;
  /** How many matching requests get the behaviour (default 1). */
  times?: number | 'always';
}

interface Rule {
  behaviour: Behaviour;
  match: ScriptMatch;
  remaining: number;
}

/** Rules are consulted in the order they were added; the first that matches is used up. */
export class ScriptBook {
  private rules: Rule[] = [];

  add(behaviour: Behaviour, match: ScriptMatch = {}): void {
    const times = match.times ?? 1;
    const remaining = times === 'always' ? Number.POSITIVE_INFINITY : times;
    if (!(remaining >= 1)) throw new Error(`times must be at least 1 or "always", got ${String(times)}`);
    this.rules.push({ behaviour, match, remaining });
  }

  take(api: Api, model: string, key: string | undefined, tools: readonly string[] = []): Behaviour | undefined {
    const rule = this.rules.find((r) => matches(r.match, api, model, key, tools));
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    return rule.behaviour;
  }

  clear(): void {
    this.rules = [];
  }
}

function matches(match: ScriptMatch, api: Api, model: string, key: string | undefined, tools: readonly string[]): boolean {
  return (
    (match.api === undefined || match.api === api) &&
    (match.offersTool === undefined || tools.includes(match.offersTool)) &&
    (match.model === undefined || match.model === model) &&
    (match.key === undefined || match.key === key)
  );
}

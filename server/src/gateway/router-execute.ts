// `POST /v1/router/execute`: router/execute over HTTP, for an editor's router server in team
// mode (server/src/remote/). The body is ExecuteParams as docs/protocol.md defines them, the
// workspace and developer coming from the caller (never from the body); the answer streams as
// server-sent events, one per router/execute `$/progress` value (`event: progress`), then the
// ExecuteResult (`event: result`). A failure before anything streamed is an HTTP error in
// OpenAI's shape plus `router: { code, message, data }`, the JSON-RPC error the router raised;
// after that, an `event: error` with the same object. A caller that goes away cancels.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { executeParamsSchema } from '../../../shared/params';
import type { ExecuteProgress } from '../../../shared/protocol';
import { RouterError } from '../pipeline/errors';
import type { Router } from '../pipeline/router';
import { callerOf } from './caller';
import type { Principal } from './principal';
import { abortOnClientGone } from './chat-completions';
import { invalidRequest, toHttpError } from './http-error';
import { fromIssue } from './issue';
import { sendJson } from './send-json';
import { withValue } from './with-value';
import { SseStream } from './sse';

/** The JSON-RPC error a RouterError is, so the editor's server raises the same one. */
export interface RouterErrorBody {
  code: number;
  message: string;
  data?: unknown;
}

export async function executeEndpoint(router: Router, req: IncomingMessage, res: ServerResponse, body: unknown, principal?: Principal): Promise<void> {
  const caller = callerOf(req.headers, principal);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidRequest('Invalid request body: expected a JSON object of router/execute params');
  const { partialResultToken: _ignored, ...fields } = body as Record<string, unknown>;
  // `client` as the editor's server sent it (another extension's id, or none for the editor's own commands).
  const parsed = executeParamsSchema.safeParse({ ...fields, workspaceId: caller.workspaceId });
  if (!parsed.success) throw fromIssue(parsed.error.issues[0]);
  // Recorded and budgeted under the developer and team the token names, whatever the body says (the schema drops those fields).
  const params = { ...parsed.data, ...withValue('developer', caller.developer), ...withValue('team', caller.team) };

  const abort = abortOnClientGone(res);
  const sse = new SseStream(res);
  // router/execute's progress value, with the model writing it.
  const progress = (value: ExecuteProgress, model: string | undefined) => sse.sendNamed('progress', model === undefined ? value : { ...value, model });
  try {
    const result = await router.execute(params, {
      signal: abort.signal,
      onDelta: (delta, reset, model) => progress(reset ? { delta, reset } : { delta }, model),
      onToolCallDelta: (toolCall, model) => progress({ delta: '', toolCall }, model),
      onRefusalDelta: (refusal, model) => progress({ delta: '', refusal }, model),
    });
    sse.sendNamed('result', result);
    sse.end();
  } catch (error) {
    // Anything but the router's own errors goes to the gateway's usual error path (and its log).
    if (!(error instanceof RouterError) && !sse.started) throw error;
    const http = toHttpError(error);
    const routerError: RouterErrorBody | undefined =
      error instanceof RouterError ? { code: error.code, message: error.message, ...withData(error.data) } : undefined;
    const answer = { ...http.body, ...(routerError ? { router: routerError } : {}) };
    if (sse.started) sse.fail(answer, 'error');
    else sendJson(res, http.status, answer);
  }
}

const withData = (data: unknown) => (data === undefined ? {} : { data });

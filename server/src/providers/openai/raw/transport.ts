// The raw transport for OpenAI-wire providers: the chat completions request the adapter
// built, serialised once and POSTed with node:http(s) over a keep-alive agent, the reply
// handed back as the bytes arrive. It replaces the SDK where the SDK would only carry
// the same JSON (its client work costs ~0.4 ms per call here, against ~0.1 ms for this),
// and does what the SDK does for the router: Bearer auth (none without a key), no retries
// (the router retries and falls back), errors with status, headers and the body's error.
import type * as Http from 'node:http';
import type { IncomingMessage } from 'node:http';
import type * as Https from 'node:https';
import { urlToHttpOptions } from 'node:url';
import { readBody } from './read-body';
import { WireHttpError, type WireErrorBody } from './wire-errors';
import { withoutTrailingSlashes } from '../../../../../shared/trailing-slashes';

/** Idle sockets kept per provider; more are opened under load and closed when idle. */
const KEEP_ALIVE_IDLE_SOCKETS = 64;
/** An idle socket is closed after this long (a dropped client's sockets too); a call in progress is not affected. */
const IDLE_SOCKET_MS = 15_000;
const USER_AGENT = 'llm-router';

export class RawTransport {
  /** Where and how every call goes: the URL taken apart once, not on every call. */
  private readonly target: Http.RequestOptions;
  /** The Host header, as node:http would write it (the port only when not the scheme's own). */
  private readonly host: string;
  private readonly send: typeof Http.request;

  constructor(baseUrl: string) {
    const url = new URL(`${withoutTrailingSlashes(baseUrl)}/chat/completions`);
    // Loaded with the first provider that uses them, not at start: node:https alone (TLS)
    // costs ~4 MB, and a server behind an editor window may never call a provider.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const http = (url.protocol === 'https:' ? require('node:https') : require('node:http')) as typeof Https;
    const options = { keepAlive: true, maxFreeSockets: KEEP_ALIVE_IDLE_SOCKETS, timeout: IDLE_SOCKET_MS, scheduling: 'lifo' as const };
    // Only what a request needs: node:http copies its options twice per call (the request, then the agent).
    const { protocol, hostname, port, path } = urlToHttpOptions(url);
    this.target = { protocol, hostname, ...(port === undefined ? {} : { port }), path, method: 'POST', agent: new http.Agent(options) };
    this.host = url.host;
    this.send = http.request as typeof Http.request;
  }

  /** Whether this transport can reach `baseUrl` as the SDK would: plain http(s), no query or fragment. */
  static handles(baseUrl: string): boolean {
    try {
      const url = new URL(baseUrl);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.search === '' && url.hash === '' && url.username === '';
    } catch {
      return false;
    }
  }

  /**
   * POSTs `body`; resolves with a 2xx reply whose body is still to be read, or rejects
   * with WireHttpError (any other status), or with the socket's error. `signal` aborts
   * the request and the reading of its body.
   */
  post(body: unknown, apiKey: string | undefined, signal: AbortSignal, stream: boolean): Promise<IncomingMessage> {
    const json = JSON.stringify(body);
    // Names and values in a flat list: node:http writes them as they are (checking each),
    // where an object goes through setHeader and getHeader one by one. A list gets no Host
    // header of its own, so it carries it.
    const headers = [
      'host', this.host,
      'content-type', 'application/json',
      'content-length', String(Buffer.byteLength(json)),
      'accept', stream ? 'text/event-stream' : 'application/json',
      'user-agent', USER_AGENT,
    ];
    if (apiKey !== undefined) headers.push('authorization', `Bearer ${apiKey}`);
    return new Promise((resolve, reject) => {
      const req = this.send({ ...this.target, headers }, (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve(res);
        else errorOf(status, res).then(reject, reject);
      });
      req.on('error', reject);
      abortWith(signal, req);
      req.end(json);
    });
  }
}

/**
 * `signal` ends the request and the reading of its reply, as http.request's `signal` option
 * does, by a listener of its own removed when the request closes: the option also watches
 * the stream's end with several more listeners, a cost on every call under load.
 */
function abortWith(signal: AbortSignal, req: Http.ClientRequest): void {
  const onAbort = () => req.destroy(Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR', cause: signal.reason }));
  if (signal.aborted) {
    onAbort();
    return;
  }
  signal.addEventListener('abort', onAbort, { once: true });
  req.once('close', () => signal.removeEventListener('abort', onAbort));
}

/** A non-2xx reply as the SDK reports it: status, headers, and the body's `error` object when it has one. */
async function errorOf(status: number, res: IncomingMessage): Promise<WireHttpError> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: WireErrorBody | undefined;
  try {
    const parsed = JSON.parse(await readBody(res, 1024 * 1024)) as { error?: unknown } | null;
    const error = parsed && typeof parsed === 'object' && 'error' in parsed ? parsed.error : parsed;
    body = error && typeof error === 'object' ? (error as WireErrorBody) : typeof error === 'string' ? { message: error } : undefined;
  } catch {
    // An error page that is not JSON (a proxy's HTML): the status says enough.
  }
  return new WireHttpError(status, headers, body);
}

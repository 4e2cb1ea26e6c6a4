// Fake OpenAI and Anthropic endpoints on 127.0.0.1, on one port: real wire formats,
// deterministic answers, every request recorded, faults scriptable per model/key.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { anthropicWire } from './anthropic-wire';
import { ScriptBook, type Api, type Behaviour, type ScriptMatch } from './behaviours';
import { CONTROL_PATH, handleControl } from './control';
import { flatHeaders, readJson } from './http-body';
import { openaiWire } from './openai-wire';
import { respond, sendFault, sendJson, type Timing } from './respond';
import type { Wire } from './wire';

export interface FakeProvidersOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Applied to every answer unless a `slow` behaviour says otherwise. */
  delayMs?: number;
  chunkDelayMs?: number;
  /** What `GET /v1/models` lists per API (default: LISTED_MODELS). */
  listedModels?: Partial<Record<Api, string[]>>;
}

/** The models the fakes list by default: the ones the tests' settings configure. */
export const LISTED_MODELS: Record<Api, string[]> = {
  openai: ['tiny-coder', 'big-coder', 'test-model'],
  anthropic: ['claude-fake', 'test-model'],
};

/** How a models-list request is recorded (it names no model). */
export const MODEL_LIST = '(models)';
const MODELS_PATH = '/v1/models';

export interface RecordedRequest {
  api: Api;
  model: string;
  /** The key as the provider would read it (`Authorization: Bearer` or Anthropic's `x-api-key`). */
  apiKey: string | undefined;
  headers: Record<string, string>;
  body: unknown;
  stream: boolean;
  /** The scripted behaviour's kind, or `ok` for a plain answer. */
  behaviour: Behaviour['kind'] | 'ok' | 'invalid';
  /** Set when the caller closed the connection before the answer was complete (it cancelled). */
  clientGone?: true;
}

const WIRES: Wire[] = [openaiWire, anthropicWire];

export class FakeProviders {
  readonly requests: RecordedRequest[] = [];
  private readonly scripts = new ScriptBook();
  private readonly sockets = new Set<Socket>();
  private accepted = 0;
  private readonly stopping = new AbortController();
  /** Kept after stop(), so a test can aim at a port where nothing listens any more. */
  private listeningPort = 0;

  private constructor(
    private readonly server: Server,
    private readonly timing: Timing,
    private readonly listed: Record<Api, string[]>,
  ) {}

  static async start(options: FakeProvidersOptions = {}): Promise<FakeProviders> {
    const server = createServer();
    const timing = { delayMs: options.delayMs ?? 0, chunkDelayMs: options.chunkDelayMs ?? 0 };
    const listed = {
      openai: options.listedModels?.openai ?? LISTED_MODELS.openai,
      anthropic: options.listedModels?.anthropic ?? LISTED_MODELS.anthropic,
    };
    const fake = new FakeProviders(server, timing, listed);
    server.on('connection', (socket) => {
      fake.accepted++;
      fake.sockets.add(socket);
      socket.on('close', () => fake.sockets.delete(socket));
    });
    // A client that vanishes mid-write must not take the test process down with it.
    server.on('request', (req, res) => void fake.handle(req, res).catch(() => res.destroy()));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    fake.listeningPort = (server.address() as AddressInfo).port;
    return fake;
  }

  get port(): number {
    return this.listeningPort;
  }
  /** The `baseUrl` for an `openai` or `openai-compatible` provider. */
  get openaiUrl(): string {
    return `http://127.0.0.1:${this.port}/v1`;
  }
  /** The `baseUrl` for an `anthropic` provider (the SDK appends /v1/messages). */
  get anthropicUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get controlUrl(): string {
    return `http://127.0.0.1:${this.port}${CONTROL_PATH}`;
  }

  /** Makes the next matching request(s) behave this way; see ScriptMatch for the filters. */
  script(behaviour: Behaviour, match?: ScriptMatch): void {
    this.scripts.add(behaviour, match);
  }

  clearScripts(): void {
    this.scripts.clear();
  }

  /** Forgets scripts and recorded requests, e.g. between tests. */
  reset(): void {
    this.scripts.clear();
    this.requests.length = 0;
  }

  /** TCP connections accepted since start: shows whether a client kept its connections alive. */
  get connectionsAccepted(): number {
    return this.accepted;
  }

  requestsFor(model: string): RecordedRequest[] {
    return this.requests.filter((r) => r.model === model);
  }

  /** Closes the port and every open connection, including hanging ones. */
  async stop(): Promise<void> {
    this.stopping.abort();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    const wire = WIRES.find((w) => w.path === path);
    const body = await readJson(req);
    if (req.method === 'POST' && path === CONTROL_PATH) {
      const reply = handleControl(this, body);
      return sendJson(res, reply.status, reply.body);
    }
    if (req.method === 'GET' && path === MODELS_PATH) return this.listModels(req, res);
    if (req.method !== 'POST' || !wire) {
      return sendJson(res, 404, { error: { message: `no route ${req.method} ${path}` } });
    }

    const parsed = body === undefined ? 'body: not valid JSON' : wire.parse(body);
    const apiKey = wire.apiKey(req.headers);
    const model = typeof parsed === 'string' ? String((body as { model?: unknown })?.model ?? '') : parsed.model;
    const tools = typeof parsed === 'string' ? [] : parsed.tools.map((t) => t.name);
    const behaviour = typeof parsed === 'string' ? undefined : this.scripts.take(wire.api, model, apiKey, tools);
    const recorded: RecordedRequest = {
      api: wire.api,
      model,
      apiKey,
      headers: flatHeaders(req),
      body,
      stream: typeof parsed !== 'string' && parsed.stream,
      behaviour: typeof parsed === 'string' ? 'invalid' : (behaviour?.kind ?? 'ok'),
    };
    this.requests.push(recorded);
    if (typeof parsed === 'string') return sendJson(res, 400, wire.errorBody(400, parsed));

    const closed = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished && !this.stopping.signal.aborted) recorded.clientGone = true;
      closed.abort();
    });
    const signal = AbortSignal.any([this.stopping.signal, closed.signal]);
    await respond({ wire, request: parsed, apiKey, res, signal }, behaviour, this.timing);
  }

  /**
   * `GET /v1/models`, which both APIs serve at the same path: Anthropic's SDK sends an
   * `anthropic-version` header, OpenAI's does not. Scripts without a model filter apply
   * (a 401 for a bad key, a hang); other behaviours answer normally.
   */
  private listModels(req: IncomingMessage, res: ServerResponse): void {
    const wire = req.headers['anthropic-version'] ? anthropicWire : openaiWire;
    const apiKey = wire.apiKey(req.headers);
    const behaviour = this.scripts.take(wire.api, MODEL_LIST, apiKey);
    this.requests.push({
      api: wire.api,
      model: MODEL_LIST,
      apiKey,
      headers: flatHeaders(req),
      body: undefined,
      stream: false,
      behaviour: behaviour?.kind ?? 'ok',
    });
    if (behaviour?.kind === 'hang') return;
    if (behaviour?.kind === 'status') return sendFault(res, wire, behaviour, apiKey);
    sendJson(res, 200, wire.modelList(this.listed[wire.api]));
  }
}

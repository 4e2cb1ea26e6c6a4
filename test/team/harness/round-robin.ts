// A round-robin balancer in front of gateway replicas, as a team would put nginx or a cloud
// load balancer there: each request goes to the next replica in turn; a replica that refuses
// the connection (killed, restarting) is skipped for that request, as a balancer's health
// check would do. Bodies are streamed both ways, so SSE answers pass through as they arrive.
import { request as httpRequest, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export class RoundRobin {
  private next = 0;
  /** Requests each replica was sent, by index (what the test reads to show the load was spread). */
  readonly served: number[];

  private constructor(
    private readonly server: Server,
    private readonly upstreams: URL[],
  ) {
    this.served = upstreams.map(() => 0);
  }

  /** Listens on 127.0.0.1 on a free port; `upstreams` are the replicas' base URLs (any path is ignored). */
  static async start(upstreams: string[]): Promise<RoundRobin> {
    let balancer: RoundRobin | undefined;
    const server = createServer((req, res) => void balancer!.forward(req, res, 0));
    balancer = new RoundRobin(server, upstreams.map((u) => new URL(u)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return balancer;
  }

  /** The OpenAI base URL through the balancer. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  private async forward(req: IncomingMessage, res: ServerResponse, tried: number): Promise<void> {
    // The body is read once so a request can be sent again to the next replica if the first refuses.
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    this.send(req, Buffer.concat(chunks), res, tried);
  }

  private send(req: IncomingMessage, body: Buffer, res: ServerResponse, tried: number): void {
    const index = this.next++ % this.upstreams.length;
    const target = this.upstreams[index];
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      (reply) => {
        this.served[index]++;
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
        // A replica killed mid-answer: the client sees the answer break off, as it would behind a real balancer.
        reply.once('error', () => res.destroy());
        reply.once('aborted', () => res.destroy());
      },
    );
    upstream.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' && tried + 1 < this.upstreams.length) return this.send(req, body, res, tried + 1);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `replica ${target.host}: ${error.message}` } }));
      else res.destroy();
    });
    upstream.end(body);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

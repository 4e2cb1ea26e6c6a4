// The floor for any Node gateway on this machine: a bare node:http pass-through proxy with a
// kept-alive agent, doing no work at all (no parsing, no decision, no ledger). It forwards
// each request's body to the upstream and pipes the answer back. Measured beside our gateway
// in `npm run bench:gateway`, it shows how much of the latency a gateway adds is the extra
// loopback hop and process wake-ups that every proxy pays, and how much is our own work.
// Prints `{"port": N}` once listening. Run: node bench/peer/bare-proxy.ts UPSTREAM_PORT
import { Agent, createServer, request } from 'node:http';

const upstreamPort = Number(process.argv[2]);
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

const server = createServer((req, res) => {
  const pieces: Buffer[] = [];
  req.on('data', (piece: Buffer) => pieces.push(piece));
  req.on('end', () => {
    const body = Buffer.concat(pieces);
    const upstream = request(
      { agent, host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers: { 'content-type': 'application/json', 'content-length': body.length } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? 'application/json' });
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    upstream.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
});
process.on('SIGTERM', () => process.exit(0));

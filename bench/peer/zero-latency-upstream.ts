// A zero-latency OpenAI chat completions upstream on loopback, raw node:http, run as its
// own process so its work is not counted against the load generator or either gateway.
// Answers the same fixed completion (JSON, or SSE with a usage chunk when asked) at once,
// so whatever a client sees beyond a direct call is the gateway's own cost.
// Prints `{"port": N}` once listening. Run: node --import tsx bench/peer/zero-latency-upstream.ts
import { createServer, type ServerResponse } from 'node:http';

const WORDS = ['The', ' answer', ' is', ' forty', '-two', '.'];
const USAGE = { prompt_tokens: 12, completion_tokens: WORDS.length, total_tokens: 12 + WORDS.length };

function completion(model: string): string {
  return JSON.stringify({
    id: 'chatcmpl-bench',
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: WORDS.join('') }, finish_reason: 'stop', logprobs: null }],
    usage: USAGE,
  });
}

function chunk(model: string, delta: object, finish: string | null = null, usage?: object): string {
  const choices = usage ? [] : [{ index: 0, delta, finish_reason: finish, logprobs: null }];
  return `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1_700_000_000, model, choices, ...(usage ? { usage } : {}) })}\n\n`;
}

function stream(res: ServerResponse, model: string, includeUsage: boolean): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  let body = chunk(model, { role: 'assistant', content: '' });
  for (const word of WORDS) body += chunk(model, { content: word });
  body += chunk(model, {}, 'stop');
  if (includeUsage) body += chunk(model, {}, null, USAGE);
  res.end(`${body}data: [DONE]\n\n`);
}

const server = createServer((req, res) => {
  const pieces: Buffer[] = [];
  req.on('data', (piece: Buffer) => pieces.push(piece));
  req.on('end', () => {
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
      return;
    }
    const body = JSON.parse(Buffer.concat(pieces).toString('utf8')) as { model: string; stream?: boolean; stream_options?: { include_usage?: boolean } };
    if (body.stream) stream(res, body.model, body.stream_options?.include_usage === true);
    else res.writeHead(200, { 'content-type': 'application/json' }).end(completion(body.model));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
});
process.on('SIGTERM', () => process.exit(0));

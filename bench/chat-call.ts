// One OpenAI chat completion against a gateway under test, read to its end over a kept-alive
// agent, timed: what the gateway benchmarks send, to our gateway and to the peer alike.
import { type Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface ChatTarget {
  name: string;
  host: string;
  port: number | string;
  model: string;
  headers: Record<string, string>;
}

const PROMPT = [{ role: 'user', content: 'In one short sentence: what is the answer to everything?' }];

/** Resolves with the call's duration in ms; rejects unless it answered 200 with the fake's answer. */
export function timedChatCall(agent: Agent, target: ChatTarget, stream: boolean): Promise<number> {
  const body = JSON.stringify(stream
    ? { model: target.model, messages: PROMPT, stream: true, stream_options: { include_usage: true } }
    : { model: target.model, messages: PROMPT });
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent, host: target.host, port: target.port, method: 'POST', path: '/v1/chat/completions',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...target.headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (piece: string) => (text += piece));
        res.on('end', () => {
          if (res.statusCode !== 200 || !text.includes('forty')) reject(new Error(`${target.name}: HTTP ${res.statusCode} ${text.slice(0, 300)}`));
          else resolve(performance.now() - start);
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

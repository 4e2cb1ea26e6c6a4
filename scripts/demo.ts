// `npm start`: a walk through the router server as an editor would use it, against
// fake OpenAI-compatible and Anthropic providers on 127.0.0.1 (no network, no keys
// of yours). Spawns the real dist/server.js over stdio and prints what it decides,
// what it answers, what it costs and how it copes when a provider fails.
import { CheckProvidersRequest, ExecuteRequest, RouteRequest, UsageRequest, type ExecuteParams } from '../shared/protocol';
import { FakeProviders } from '../test/fakes/fake-providers';
import { API_KEYS, fakeSettings, SAMPLE_DOC } from '../test/integration/fixtures';
import { ServerProcess } from '../test/integration/server-process';

const usd = (v: number) => `$${v.toFixed(6)}`;

async function main() {
  const fake = await FakeProviders.start({ chunkDelayMs: 15 });
  const server = await ServerProcess.start({ settings: fakeSettings(fake, { budget: { dailyUsd: 1 } }), apiKeys: API_KEYS });
  try {
    console.log(`LLM Router demo: server ${process.execPath} dist/server.js --stdio, fake providers at 127.0.0.1:${fake.port}\n`);

    section('0. Check the providers first: each key lists the models (free), typos show up');
    const check = await server.connection.sendRequest(CheckProvidersRequest.type, {});
    for (const p of check.providers) {
      const keys = p.keys.map((k) => `${k.key} ${k.ok ? `ok in ${k.latencyMs} ms` : k.error}`).join('; ');
      console.log(`${p.providerId.padEnd(8)} ${p.status.padEnd(8)} ${p.listedModels ?? 0} models listed; ${keys}`);
    }

    section('1. A completion at the cursor: easy, so the cheap fast model takes it');
    const cursor = { ...SAMPLE_DOC, selection: { start: { line: 1, character: 2 }, end: { line: 1, character: 2 } } };
    const decision = await server.connection.sendRequest(RouteRequest.type, { workspaceId: 'demo', kind: 'completion', document: cursor });
    console.log(`router/route -> ${decision.model}, ~${usd(decision.estimatedCostUsd)}`);
    decision.reasons.forEach((r) => console.log(`  - ${r}`));

    section('2. "explain this" with no kind given: classified, streamed, billed from reported usage');
    await run(server, { workspaceId: 'demo', prompt: 'explain what this function does', document: SAMPLE_DOC }, true);

    section('3. A hard refactor of a big selection: routed to a strong model');
    const big = Array.from({ length: 300 }, (_, i) => `  state.total${i} += await queue.take(${i});`).join('\n');
    await run(server, {
      workspaceId: 'demo',
      kind: 'refactor',
      prompt: 'remove the race condition and redesign the concurrency',
      document: { uri: 'file:///demo/worker.ts', languageId: 'typescript', text: big, selection: { start: { line: 0, character: 0 }, end: { line: 299, character: 5 } } },
    });

    section('4. The cheap model answers 429 with retry-after: 30 -> fallback to the next');
    fake.script({ kind: 'status', status: 429, retryAfter: '30' }, { model: 'tiny-coder' });
    await run(server, { workspaceId: 'demo', kind: 'summarize', document: SAMPLE_DOC, prompt: 'in two bullets' });

    section('5. The same request again: answered from the cache at $0');
    await run(server, { workspaceId: 'demo', kind: 'summarize', document: SAMPLE_DOC, prompt: 'in two bullets' });

    section('6. What this workspace spent (router/usage)');
    const usage = await server.connection.sendRequest(UsageRequest.type, { workspaceId: 'demo' });
    console.log(`today ${usd(usage.today.costUsd)} over ${usage.today.requests} requests; budget $1.00/day: ${usage.budget.state}`);
    for (const [model, t] of Object.entries(usage.byModel)) console.log(`  ${model.padEnd(20)} ${t.requests} requests  ${usd(t.costUsd)}`);
    console.log(`\nLedger: ${server.storageDir}/ledger.sqlite (removed when the demo ends). Protocol: docs/protocol.md`);
  } finally {
    await server.stop();
    await fake.stop();
  }
}

async function run(server: ServerProcess, params: ExecuteParams, stream = false) {
  const token = `demo-${Date.now()}`;
  let streamed = 0;
  const progress = stream
    ? server.connection.onProgress(ExecuteRequest.progress, token, (v) => {
        streamed++;
        process.stdout.write(v.delta);
      })
    : undefined;
  const r = await server.connection.sendRequest(ExecuteRequest.type, stream ? { ...params, partialResultToken: token } : params);
  progress?.dispose();
  if (stream) console.log(`\n  (${streamed} streamed deltas)`);
  else console.log(r.text);
  console.log(`-> ${r.model} (${r.kind}) ${r.usage.inputTokens} in / ${r.usage.outputTokens} out tokens = ${usd(r.usage.costUsd)}${r.cached ? ', cached' : ''}`);
  for (const a of r.attempts) console.log(`  attempt ${a.model}: ${a.ok ? 'ok' : a.error}`);
  r.reasons.forEach((reason) => console.log(`  - ${reason}`));
}

function section(title: string) {
  console.log(`\n=== ${title}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

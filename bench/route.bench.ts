// Routing-decision latency: router/route's whole decision (classify, prompt estimate,
// budget lookup and typical answer lengths from the ledger, selection) in-process, over
// varied requests, with a ledger that already holds a busy month of this workspace.
// Run: node --import tsx bench/route.bench.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KINDS, type RouteParams } from '../shared/protocol';
import { parseSettings } from '../shared/settings';
import { SqliteLedgerStore } from '../server/src/ledger/sqlite-store';
import { Ledger } from '../server/src/ledger/ledger';
import { Router } from '../server/src/pipeline/router';
import { ms, sample, summarise } from './stats';

const PROMPTS = ['explain this', 'why does this deadlock under load?', 'add tests for the parser', 'summarize', 'rename x to count', ''];
const CODE = 'function f(a, b) {\n  return a + b;\n}\n'.repeat(60);

function request(i: number): RouteParams {
  const prompt = PROMPTS[i % PROMPTS.length];
  const lines = 1 + (i % 150);
  return {
    workspaceId: 'bench',
    kind: i % 3 === 0 ? KINDS[i % KINDS.length] : undefined,
    prompt: prompt || undefined,
    document: {
      uri: 'file:///bench.js',
      languageId: 'javascript',
      text: CODE,
      selection: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } },
    },
  };
}

// About a month of heavy use in one workspace: every kind, answers of varied length.
const HISTORY_ROWS = 20_000;

function seedHistory(ledger: Ledger, rows: number): void {
  const start = Date.now() - 30 * 86_400_000;
  for (let i = 0; i < rows; i++) {
    ledger.record({
      workspaceId: 'bench', at: start + i * 120_000, kind: KINDS[i % KINDS.length], difficulty: 'medium',
      model: 'openai/gpt-4o-mini', inputTokens: 800, outputTokens: 50 + ((i * 37) % 900), costUsd: 0.0004,
      latencyMs: 900, outcome: 'ok', cached: false, reasons: [], attempts: [{ model: 'openai/gpt-4o-mini', ok: true, latencyMs: 900 }],
    });
  }
}

async function main() {
  const parsed = parseSettings({
    providers: [
      { id: 'openai', type: 'openai', models: [{ id: 'gpt-4o-mini' }, { id: 'gpt-4o' }, { id: 'gpt-4.1-nano' }] },
      { id: 'anthropic', type: 'anthropic', models: [{ id: 'claude-haiku-4-5' }, { id: 'claude-sonnet-4-20250514' }] },
      { id: 'local', type: 'openai-compatible', baseUrl: 'http://127.0.0.1:11434/v1', models: [{ id: 'qwen2.5-coder:7b', inputUsdPerMTok: 0, outputUsdPerMTok: 0 }] },
    ],
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const dir = mkdtempSync(join(tmpdir(), 'llm-router-route-bench-'));
  const ledger = Ledger.open(dir);
  const router = new Router(new SqliteLedgerStore(ledger), parsed.settings, { openai: 'bench-key', anthropic: 'bench-key' });
  seedHistory(ledger, HISTORY_ROWS);
  try {
    await sample(500, (i) => router.route(request(i))); // warm-up: JIT, prepared statements
    const s = summarise(await sample(10_000, (i) => router.route(request(i))));
    console.log(`routing decision (router/route in-process, 6 models, ${HISTORY_ROWS} requests in the ledger): p50 ${ms(s.p50)}  p99 ${ms(s.p99)}  (10000 requests)`);
  } finally {
    router.ledger.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

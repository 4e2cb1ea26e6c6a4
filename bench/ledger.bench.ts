// Ledger benchmark: insert rate of single-transaction record() calls, then read
// latencies with 100k requests in the table. Prints figures; asserts nothing.
// Run: node --import tsx bench/ledger.bench.ts
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { KINDS } from '../shared/protocol';
import { Ledger } from '../server/src/ledger/ledger';
import type { RequestRecord } from '../server/src/ledger/types';

const TABLE_ROWS = 100_000;
const TIMED_INSERTS = 5_000;
const HISTORY_DAYS = 90;
const MODELS = ['openai/gpt-4o-mini', 'openai/gpt-4o', 'anthropic/claude-haiku', 'anthropic/claude-sonnet'];
const WORKSPACES = ['bench-main', 'bench-other'];

function randomRecord(now: number, i: number): RequestRecord {
  const model = MODELS[i % MODELS.length];
  return {
    // Most rows in the main workspace, the rest elsewhere so queries must filter.
    workspaceId: i % 10 === 0 ? WORKSPACES[1] : WORKSPACES[0],
    at: now - Math.floor(Math.random() * HISTORY_DAYS * 86_400_000),
    kind: KINDS[i % KINDS.length],
    difficulty: 'medium',
    model,
    inputTokens: 500 + (i % 3000),
    outputTokens: 100 + (i % 700),
    costUsd: i % 50 === 0 ? null : 0.0001 * (1 + (i % 100)),
    latencyMs: 200 + (i % 2000),
    outcome: i % 20 === 0 ? 'failed' : 'ok',
    cached: i % 7 === 0,
    reasons: ['cheapest model that meets the quality bar', 'difficulty: medium'],
    attempts: [{ model, ok: i % 20 !== 0, latencyMs: 200 + (i % 2000) }],
  };
}

function percentile(sortedMs: number[], p: number): number {
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))];
}

function time(label: string, iterations: number, body: () => unknown): void {
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    body();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const fmt = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
  console.log(`${label.padEnd(22)} p50 ${fmt(percentile(samples, 50)).padStart(9)}   p99 ${fmt(percentile(samples, 99)).padStart(9)}   (${iterations} runs)`);
}

function main(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-router-ledger-bench-'));
  const ledger = Ledger.open(dir);
  try {
    const now = Date.now();
    console.log(`Node ${process.version}, ledger in ${dir}`);

    const start = performance.now();
    for (let i = 0; i < TIMED_INSERTS; i++) ledger.record(randomRecord(now, i));
    const seconds = (performance.now() - start) / 1000;
    console.log(`record(): ${Math.round(TIMED_INSERTS / seconds)} inserts/s (${TIMED_INSERTS} calls, one transaction each, 1 attempt row)`);

    // What a request answered alone pays before its answer is released (a journal line), and
    // what the deferred commit of a group of them costs later (the gateway's case at 1 client).
    const soonStart = performance.now();
    for (let i = 0; i < TIMED_INSERTS; i++) ledger.recordSoon(randomRecord(now, i));
    const soonSeconds = (performance.now() - soonStart) / 1000;
    const copyStart = performance.now();
    ledger.spend(WORKSPACES[0]);
    ledger.history(WORKSPACES[0], 1); // a read copies the journal in first
    const copyMs = performance.now() - copyStart;
    console.log(
      `recordSoon(): ${Math.round(TIMED_INSERTS / soonSeconds)} /s into the journal, then ${((copyMs * 1000) / TIMED_INSERTS).toFixed(1)} µs a request to commit them together`,
    );

    for (let i = 2 * TIMED_INSERTS; i < TABLE_ROWS; i++) ledger.record(randomRecord(now, i));
    console.log(`\nWith ${TABLE_ROWS} requests over ${HISTORY_DAYS} days, ${WORKSPACES.length} workspaces:`);
    const workspace = WORKSPACES[0];
    time('spend()', 2_000, () => ledger.spend(workspace));
    time('usage()', 2_000, () => ledger.usage(workspace));
    time('daily(30)', 500, () => ledger.daily(workspace, 30));
    time('history(100)', 500, () => ledger.history(workspace, 100));
    time('modelStats() 24 h', 200, () => ledger.modelStats());
    const fileMb = fs.statSync(path.join(dir, 'ledger.sqlite')).size / 1e6;
    console.log(`\nledger.sqlite: ${fileMb.toFixed(1)} MB (plus WAL)`);
  } finally {
    ledger.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();

// Shared by the ledger tests: a throwaway storage folder and a request record
// with sensible defaults that each test overrides where it matters.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Ledger } from '../../../server/src/ledger/ledger';
import type { RequestRecord } from '../../../server/src/ledger/types';

export function makeTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'llm-router-ledger-'));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A ledger in a throwaway folder, opened before each test of the calling suite and
 *  closed and removed after it. Tests may reopen `ledger` on `dir`. */
export function freshLedgerEachTest(): { dir: string; ledger: Ledger } {
  const fresh = {} as { dir: string; ledger: Ledger };
  beforeEach(() => {
    fresh.dir = makeTempDir();
    fresh.ledger = Ledger.open(fresh.dir);
  });
  afterEach(() => {
    fresh.ledger.close();
    removeDir(fresh.dir);
  });
  return fresh;
}

export function aRecord(overrides: Partial<RequestRecord> = {}): RequestRecord {
  return {
    workspaceId: 'ws-1',
    at: new Date(2025, 2, 10, 12, 0).getTime(),
    kind: 'ask',
    difficulty: 'easy',
    model: 'openai/gpt-4o-mini',
    inputTokens: 100,
    outputTokens: 50,
    costUsd: 0.01,
    latencyMs: 420,
    outcome: 'ok',
    cached: false,
    reasons: ['cheapest model that meets the quality bar'],
    attempts: [{ model: 'openai/gpt-4o-mini', ok: true, latencyMs: 420 }],
    ...overrides,
  };
}

/** Float sums differ from the exact sum in the last bits; a nano-dollar is far below any price. */
export function assertUsdEqual(actual: number, expected: number, message?: string): void {
  const close = Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
  assert.ok(close, `${message ?? 'USD amounts differ'}: expected ${expected}, got ${actual}`);
}

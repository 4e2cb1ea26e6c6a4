import * as assert from 'node:assert/strict';
import { csvText, exportedMessage, formatFromFileName, historyCostBasis, usageToCsv, usageToJson } from '../../../client/src/export/usageExport';
import type { DashboardResult, UsageTotals } from '../../../shared/protocol';

const totals = (costUsd: number, requests: number): UsageTotals => ({ costUsd, requests, inputTokens: 100 * requests, outputTokens: 10 * requests });

const dashboard: DashboardResult = {
  usage: {
    workspaceId: 'w', today: totals(0.5, 2), month: totals(1.25, 5), total: totals(3, 9),
    byModel: {}, byKind: {}, byClient: {}, budget: { onExceed: 'warn', state: 'ok' },
  },
  daily: [],
  history: [{
    at: '2025-01-02T03:04:05.000Z', client: 'editor', kind: 'explain', model: 'p/m', reasons: ['cheapest, good enough', 'said "hi"'],
    inputTokens: 120, outputTokens: 30, costUsd: 0.0012, latencyMs: 850, outcome: 'ok', cached: false,
    attempts: [{ model: 'p/big', ok: false, error: 'rate limited (429)' }, { model: 'p/m', ok: true }],
  }],
  health: [],
  savings: { actualUsd: 3, strongestModel: 'p/big', strongestUsd: 9 },
};

describe('usageToCsv', () => {
  it('writes one history row per request under a header, then the totals', () => {
    const [history, totalsTable] = usageToCsv(dashboard).split('\r\n\r\n');
    assert.deepEqual(history?.split('\r\n'), [
      'at,kind,model,outcome,cached,inputTokens,outputTokens,costUsd,costBasis,latencyMs,attempts,reasons,client,refused',
      '2025-01-02T03:04:05.000Z,explain,p/m,ok,false,120,30,0.0012,provider,850,p/big failed (rate limited (429)); p/m ok,"cheapest, good enough; said ""hi""",editor,false',
    ]);
    assert.deepEqual(totalsTable?.trimEnd().split('\r\n'), [
      'period,requests,inputTokens,outputTokens,costUsd',
      'today,2,200,20,0.5',
      'month,5,500,50,1.25',
      'total,9,900,90,3',
    ]);
  });
});

describe('usageToCsv refused', () => {
  it('marks a request the model declined in a last column, answered and billed', () => {
    const declined = { ...dashboard.history[0], refused: true as const };
    const [header, row] = usageToCsv({ ...dashboard, history: [declined] }).split('\r\n');
    assert.equal(header?.split(',').at(-1), 'refused');
    assert.match(row ?? '', /,ok,false,120,30,0\.0012,provider,.*,editor,true$/);
  });
});

describe('usageToCsv attempts', () => {
  it('says what a broken-off attempt streamed and cost, and marks a failed request that cost something as estimated', () => {
    const broken = {
      ...dashboard.history[0], outcome: 'failed' as const, costUsd: 0.02, tokensEstimated: true,
      attempts: [{ model: 'p/big', ok: false, error: 'connection reset', billed: { inputTokens: 120, outputTokens: 7, costUsd: 0.02 } }],
    };
    const row = usageToCsv({ ...dashboard, history: [broken] }).split('\r\n')[1];
    assert.match(row, /,0\.02,estimated,850,p\/big failed \(connection reset\) \(streamed 7 tokens first: ≈\$0\.02 \(estimated\)\),/);
  });
});

describe('historyCostBasis', () => {
  const entry = dashboard.history[0];

  it('says where each cost comes from, so an unknown price is never summed as $0 unawares', () => {
    assert.equal(historyCostBasis(entry), 'provider');
    assert.equal(historyCostBasis({ ...entry, priceUnknown: true }), 'unknown-price');
    assert.equal(historyCostBasis({ ...entry, outcome: 'cancelled', tokensEstimated: true }), 'estimated');
    assert.equal(historyCostBasis({ ...entry, cached: true }), 'cache');
  });

  it('says none when nothing was billed: failed, blocked, cancelled before any text', () => {
    assert.equal(historyCostBasis({ ...entry, outcome: 'failed' }), 'none');
    assert.equal(historyCostBasis({ ...entry, outcome: 'blocked' }), 'none');
    assert.equal(historyCostBasis({ ...entry, outcome: 'cancelled' }), 'none');
  });
});

describe('csvText', () => {
  it('quotes text with commas, quotes or line breaks', () => {
    assert.equal(csvText('a,b'), '"a,b"');
    assert.equal(csvText('say "x"'), '"say ""x"""');
    assert.equal(csvText('two\nlines'), '"two\nlines"');
    assert.equal(csvText('plain'), 'plain');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    assert.equal(csvText('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
    assert.equal(csvText('@SUM(A1)'), "'@SUM(A1)");
  });
});

describe('usageToJson', () => {
  it('keeps the whole dashboard result and stamps the export time', () => {
    const parsed = JSON.parse(usageToJson(dashboard, new Date('2025-02-03T00:00:00Z')));
    assert.equal(parsed.exportedAt, '2025-02-03T00:00:00.000Z');
    assert.deepEqual(parsed.history, dashboard.history);
    assert.deepEqual(parsed.usage, dashboard.usage);
  });
});

describe('formatFromFileName', () => {
  it('picks JSON for .json files and CSV otherwise', () => {
    assert.equal(formatFromFileName('/tmp/usage.JSON'), 'json');
    assert.equal(formatFromFileName('/tmp/usage.csv'), 'csv');
    assert.equal(formatFromFileName('/tmp/usage'), 'csv');
  });
});

describe('exportedMessage', () => {
  it('counts one request as one', () => {
    assert.equal(exportedMessage(1, 1, 'usage.csv'), 'LLM Router: exported 1 request to usage.csv.');
    assert.equal(exportedMessage(2_500, 2_500, 'usage.csv'), 'LLM Router: exported 2,500 requests to usage.csv.');
  });

  it('says when the file holds only the latest requests, not all of them', () => {
    assert.equal(exportedMessage(10_000, 12_345, 'usage.csv'),
      'LLM Router: exported the latest 10,000 of 12,345 requests (the totals in it count them all) to usage.csv.');
  });
});

import * as assert from 'node:assert/strict';
import { describeBudget, escapeMarkdown, monthCaveat, spendTooltipMarkdown } from '../../../client/src/status/spendTooltip';
import type { UsageReport } from '../../../shared/protocol';

const zero = { costUsd: 0, requests: 0, inputTokens: 0, outputTokens: 0 };
const usage: UsageReport = {
  workspaceId: 'w',
  today: { ...zero, costUsd: 0.42, requests: 3 },
  month: { ...zero, costUsd: 7.5, requests: 40 },
  total: zero,
  byModel: {},
  byKind: {},
  byClient: {},
  budget: { dailyUsd: 5, monthlyUsd: 50, onExceed: 'block', state: 'warn' },
  last: { model: 'openai/gpt-4o-mini', kind: 'explain', costUsd: 0.0012, reasons: ['cheapest model *good enough*'], cached: false, at: '2025-01-01T00:00:00Z' },
};

describe('spendTooltipMarkdown', () => {
  it('lists today, this month, the budget and the last request with its reasons', () => {
    const text = spendTooltipMarkdown(usage);
    assert.match(text, /Today: \$0\\\.42 in 3 requests/);
    assert.match(text, /This month: \$7\\\.50 in 40 requests/);
    assert.match(text, /Budget: \$5\\\.00 a day, \$50\\\.00 a month \\\(close to the limit; when exceeded: block\\\)/);
    assert.match(text, /Model: `openai\/gpt-4o-mini`/);
    assert.match(text, /Cost: \$0\\\.0012/);
    assert.match(text, /Why: cheapest model \\\*good enough\\\*/);
  });

  it('gives the last request\'s reasons in the plain words of the answer view, not the trace\'s sources', () => {
    const reasons = [
      'chose openai/gpt-4o-mini: ~$0.000305, quality 0.76 for ask (no public ask benchmark; from aider polyglot board: 3.6% pass, run gpt-4o-mini-2024-07-18 of 2024-12-21)',
      'kind ask (classified, 97% confident)',
      "difficulty easy (0.21): wording: 'is' (kind ask, p=0.97); context: chat without a selection",
    ];
    const text = spendTooltipMarkdown({ ...usage, last: { ...usage.last!, kind: 'ask', reasons } });
    assert.match(text, /Why: chose openai\/gpt\\-4o\\-mini: estimated \$0\\\.0003, quality 0\\\.76 for ask \\\(public coding leaderboard/);
    assert.match(text, /; looks easy$/m);
    assert.doesNotMatch(text, /aider|p=0|wording/);
  });

  it('says when this month holds requests with no known price or with estimated tokens, and says nothing otherwise', () => {
    const month = { ...usage.month, unpricedRequests: 2, estimatedRequests: 1 };
    const text = spendTooltipMarkdown({ ...usage, month });
    assert.match(text, /Note: this month has 2 requests with no known price \\\(not in the total\\\) and 1 request with estimated tokens/);
    assert.doesNotMatch(spendTooltipMarkdown({ ...usage, month: { ...usage.month, unpricedRequests: 0, estimatedRequests: 0 } }), /Note:/);
    assert.doesNotMatch(spendTooltipMarkdown(usage), /Note:/);
  });

  it('says where the month is heading once a few days have passed', () => {
    assert.match(spendTooltipMarkdown(usage, new Date(2026, 3, 10)), /Pace: on pace for about \$22\\\.50 this month, within the \$50\\\.00 monthly budget/);
    assert.doesNotMatch(spendTooltipMarkdown(usage, new Date(2026, 3, 1)), /Pace:/);
  });

  it('says the last request was refused by the budget and called no model, instead of an empty model name', () => {
    const blocked = { ...usage.last!, model: '', kind: 'ask' as const, costUsd: 0, reasons: [], outcome: 'blocked' as const };
    const text = spendTooltipMarkdown({ ...usage, last: blocked });
    assert.match(text, /\*\*Last request\*\* \(ask, refused by the budget\)/);
    assert.match(text, /- Model: none was called/);
    assert.doesNotMatch(text, /``/);
  });

  it('says when the last request failed or was cancelled, and adds nothing to one that was answered', () => {
    assert.match(spendTooltipMarkdown({ ...usage, last: { ...usage.last!, outcome: 'failed' } }), /\(explain, failed\)/);
    assert.match(spendTooltipMarkdown({ ...usage, last: { ...usage.last!, outcome: 'cancelled' } }), /\(explain, cancelled\)/);
    assert.match(spendTooltipMarkdown({ ...usage, last: { ...usage.last!, outcome: 'ok' } }), /\*\*Last request\*\* \(explain\)/);
  });

  it('leaves out the last request before there is one', () => {
    assert.doesNotMatch(spendTooltipMarkdown({ ...usage, last: undefined }), /Last request/);
  });
});

describe('monthCaveat (the tooltip and the dashboard both show it)', () => {
  it('names each kind of uncertain request in the month, and is undefined when there is none', () => {
    assert.equal(monthCaveat({ ...usage, month: { ...usage.month, unpricedRequests: 1 } }), 'this month has 1 request with no known price (not in the total)');
    assert.equal(
      monthCaveat({ ...usage, month: { ...usage.month, estimatedRequests: 3 } }),
      'this month has 3 requests with estimated tokens (a stream cut short or broken off, or no usage reported)',
    );
    assert.equal(monthCaveat(usage), undefined);
  });
});

describe('describeBudget', () => {
  it('says when no limit is set', () => {
    assert.equal(describeBudget({ onExceed: 'warn', state: 'ok' }), 'no limit set');
  });
});

describe('escapeMarkdown', () => {
  it('escapes characters that would format or link', () => {
    assert.equal(escapeMarkdown('[x](y) *z*'), '\\[x\\]\\(y\\) \\*z\\*');
  });
});

describe('spendTooltipMarkdown: all workspaces together', () => {
  const allWorkspaces = (budget: UsageReport['budget'], todayUsd = 1.2, monthUsd = 14.3) => ({
    name: 'all workspaces',
    today: { costUsd: todayUsd },
    month: { costUsd: monthUsd },
    budget,
  });

  it('shows every workspace\'s spend today and this month against the all-workspaces limits, with the state', () => {
    const text = spendTooltipMarkdown({ ...usage, allWorkspaces: allWorkspaces({ dailyUsd: 2, monthlyUsd: 40, onExceed: 'block', state: 'ok' }) });
    assert.match(text, /^- All workspaces: \$1\\\.20 of \$2\\\.00 today, \$14\\\.30 of \$40\\\.00 this month \\\(within budget; when exceeded: block\\\)$/m);
  });

  it('says the limit is reached once all workspaces together spent it', () => {
    const text = spendTooltipMarkdown({ ...usage, allWorkspaces: allWorkspaces({ dailyUsd: 2, onExceed: 'downgrade', state: 'exceeded' }, 2) });
    assert.match(text, /All workspaces: \$2\\\.00 of \$2\\\.00 today, \$14\\\.30 this month \\\(limit reached; when exceeded: downgrade\\\)/);
  });

  it('shows the total without a limit, and says where to set one', () => {
    const text = spendTooltipMarkdown({ ...usage, allWorkspaces: allWorkspaces({ onExceed: 'warn', state: 'ok' }) });
    assert.match(text, /All workspaces: \$1\\\.20 today, \$14\\\.30 this month \\\(no limit set \\\(llmRouter\\\.budget\\\.allWorkspaces, in user settings\\\)\\\)/);
  });

  it('leaves the line out when the server reports no total (a team gateway)', () => {
    assert.doesNotMatch(spendTooltipMarkdown(usage), /All workspaces/);
    assert.doesNotMatch(
      spendTooltipMarkdown({ ...usage, allWorkspaces: allWorkspaces({ onExceed: 'warn', state: 'ok' }) }, new Date(), 'https://llm.example.com/v1'),
      /All workspaces/,
    );
  });
});

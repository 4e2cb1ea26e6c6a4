import assert from 'node:assert/strict';
import { allWorkspacesLimits, budgetStatus, strictestBudget, wouldExceed, type BudgetLimits } from '../../../server/src/budget/budget';

const limits = (overrides: Partial<BudgetLimits> = {}): BudgetLimits => ({
  dailyUsd: 5,
  monthlyUsd: 100,
  onExceed: 'warn',
  warnAtPercent: 80,
  ...overrides,
});

describe('budgetStatus', () => {
  it('is ok at 79% of the daily limit, with no messages', () => {
    const status = budgetStatus(limits(), { todayUsd: 3.95, monthUsd: 3.95 });
    assert.equal(status.state, 'ok');
    assert.equal(status.exceeded, false);
    assert.deepEqual(status.messages, []);
  });

  it('warns at exactly 80% of the daily limit and says so in words', () => {
    const status = budgetStatus(limits(), { todayUsd: 4, monthUsd: 4 });
    assert.equal(status.state, 'warn');
    assert.equal(status.exceeded, false);
    assert.deepEqual(status.messages, ['Daily budget: $4.00 of $5.00 used (80%)']);
  });

  it('treats float noise just under the threshold as reaching it', () => {
    assert.equal(budgetStatus(limits({ dailyUsd: 1 }), { todayUsd: 0.1 + 0.7, monthUsd: 0 }).state, 'warn');
  });

  it('is exceeded at 100% of a limit', () => {
    const status = budgetStatus(limits(), { todayUsd: 5, monthUsd: 5 });
    assert.equal(status.state, 'exceeded');
    assert.equal(status.exceeded, true);
    assert.deepEqual(status.messages, ['Daily budget: $5.00 of $5.00 used (100%)']);
  });

  it('takes the worse of the daily and monthly states and describes both', () => {
    const status = budgetStatus(limits(), { todayUsd: 4.1, monthUsd: 101 });
    assert.equal(status.state, 'exceeded');
    assert.deepEqual(status.messages, [
      'Daily budget: $4.10 of $5.00 used (82%)',
      'Monthly budget: $101.00 of $100.00 used (101%)',
    ]);
  });

  it('never shows 100% for a limit that is not reached yet', () => {
    const status = budgetStatus(limits(), { todayUsd: 4.999, monthUsd: 0 });
    assert.equal(status.state, 'warn');
    assert.deepEqual(status.messages, ['Daily budget: $4.99 of $5.00 used (99%)']);
  });

  it('says what is spent and what requests in flight reserved apart, instead of calling the reservations "used"', () => {
    const status = budgetStatus(limits({ dailyUsd: 1, monthlyUsd: undefined }), { todayUsd: 1, monthUsd: 1, inFlightUsd: 0.04 });
    assert.equal(status.state, 'exceeded');
    assert.deepEqual(status.messages, ['Daily budget: $0.96 spent + $0.04 in flight of $1.00 (100%)']);
  });

  it('shows an amount under a cent to four decimals and a limit under a cent with its digits, never "$0.00"', () => {
    const status = budgetStatus(limits({ dailyUsd: 0.0001, monthlyUsd: undefined }), { todayUsd: 0.0061, monthUsd: 0.0061, inFlightUsd: 0.006 });
    assert.deepEqual(status.messages, ['Daily budget: $0.0001 spent + $0.0060 in flight of $0.0001 (6100%)']);
  });

  it('is ok whatever the spend when no limit is set', () => {
    const status = budgetStatus({ onExceed: 'block', warnAtPercent: 80 }, { todayUsd: 1e6, monthUsd: 1e6 });
    assert.deepEqual(status, { onExceed: 'block', state: 'ok', exceeded: false, messages: [] });
  });

  it('honours a custom warn threshold and echoes the limits and onExceed', () => {
    const status = budgetStatus(limits({ warnAtPercent: 50, onExceed: 'downgrade' }), { todayUsd: 2.5, monthUsd: 2.5 });
    assert.equal(status.state, 'warn');
    assert.equal(status.dailyUsd, 5);
    assert.equal(status.monthlyUsd, 100);
    assert.equal(status.onExceed, 'downgrade');
  });
});

describe('wouldExceed', () => {
  it('is false when the estimated cost still fits under both limits', () => {
    assert.equal(wouldExceed(limits(), { todayUsd: 4, monthUsd: 50 }, 0.99), false);
  });

  it('is false for a call that lands exactly on the limit', () => {
    assert.equal(wouldExceed(limits(), { todayUsd: 4.9, monthUsd: 50 }, 0.1), false);
  });

  it('is true when the call would take the daily spend past its limit', () => {
    assert.equal(wouldExceed(limits(), { todayUsd: 4.9, monthUsd: 50 }, 0.11), true);
  });

  it('is true when the call would take the monthly spend past its limit', () => {
    assert.equal(wouldExceed(limits({ dailyUsd: undefined }), { todayUsd: 0, monthUsd: 99.95 }, 0.1), true);
  });

  it('is false for a free call even when the budget is already spent', () => {
    assert.equal(wouldExceed(limits(), { todayUsd: 7, monthUsd: 120 }, 0), false);
  });

  it('is false whatever the cost when no limit is set', () => {
    assert.equal(wouldExceed({ onExceed: 'block', warnAtPercent: 80 }, { todayUsd: 0, monthUsd: 0 }, 1e6), false);
  });
});

describe('strictestBudget: the workspace budget and the all-workspaces budget', () => {
  const workspace = (todayUsd: number) => ({ label: '', limits: limits({ dailyUsd: 2, monthlyUsd: undefined }), spend: { todayUsd, monthUsd: todayUsd } });
  const all = (todayUsd: number, monthUsd = todayUsd) => ({
    label: 'All-workspaces',
    limits: limits({ dailyUsd: 2, monthlyUsd: 30 }),
    spend: { todayUsd, monthUsd },
  });

  it('is exceeded by the all-workspaces daily limit while the workspace is well under its own, and names that budget', () => {
    const report = strictestBudget([workspace(0.5), all(2)]);
    assert.equal(report.state, 'exceeded');
    assert.deepEqual(report.exceededScopes, ['All-workspaces']);
    assert.deepEqual(report.messages, ['All-workspaces daily budget: $2.00 of $2.00 used (100%)']);
  });

  it('is exceeded by the workspace budget alone when all workspaces together are still under theirs', () => {
    const report = strictestBudget([workspace(2), { ...all(2.5), limits: limits({ dailyUsd: 10, monthlyUsd: undefined }) }]);
    assert.deepEqual(report.exceededScopes, ['']);
    assert.deepEqual(report.messages, ['Daily budget: $2.00 of $2.00 used (100%)']);
  });

  it('takes the worse state: a warning from one scope and an exceeded limit in the other is exceeded, with both sentences', () => {
    const report = strictestBudget([workspace(1.7), all(1, 31)]);
    assert.equal(report.state, 'exceeded');
    assert.deepEqual(report.messages, ['Daily budget: $1.70 of $2.00 used (85%)', 'All-workspaces monthly budget: $31.00 of $30.00 used (103%)']);
    assert.deepEqual(report.exceededScopes, ['All-workspaces']);
  });

  it('is ok when neither scope is near a limit', () => {
    assert.deepEqual(strictestBudget([workspace(0.1), all(0.2)]), { state: 'ok', exceeded: false, messages: [], exceededScopes: [] });
  });

  it('reads the all-workspaces limits with their own warn threshold and onExceed, else the workspace budget\'s', () => {
    const settings = { ...limits({ onExceed: 'warn', warnAtPercent: 60 }), allWorkspaces: { dailyUsd: 3, onExceed: 'block' as const } };
    assert.deepEqual(allWorkspacesLimits(settings), { dailyUsd: 3, monthlyUsd: undefined, onExceed: 'block', warnAtPercent: 60 });
    assert.equal(allWorkspacesLimits({ ...settings, allWorkspaces: { dailyUsd: 3 } }).onExceed, 'warn');
    assert.equal(allWorkspacesLimits({ ...settings, allWorkspaces: { dailyUsd: 3, warnAtPercent: 95 } }).warnAtPercent, 95, 'its own threshold when the client sends one');
  });

  it('acts by the strictest onExceed of the scopes past a limit, and by none below them', () => {
    const warnWorkspace = { ...workspace(2), limits: limits({ dailyUsd: 2, monthlyUsd: undefined, onExceed: 'warn' }) };
    const blockAll = { ...all(2), limits: limits({ dailyUsd: 2, monthlyUsd: undefined, onExceed: 'block' }) };
    assert.equal(strictestBudget([warnWorkspace, blockAll]).action, 'block');
    assert.equal(strictestBudget([warnWorkspace, { ...blockAll, spend: { todayUsd: 1, monthUsd: 1 } }]).action, 'warn');
    assert.equal(strictestBudget([workspace(0), { ...blockAll, spend: { todayUsd: 0, monthUsd: 0 } }]).action, undefined);
  });
});

import * as assert from 'node:assert/strict';
import { compactUsd, teamSpendText, teamTooltipMarkdown, worstBudgetState } from '../../../client/src/status/teamSpend';
import type { ScopeSpend, UsageReport } from '../../../shared/protocol';

const zero = { costUsd: 0, requests: 0, inputTokens: 0, outputTokens: 0 };
const mine: UsageReport = {
  workspaceId: 'w',
  today: { ...zero, costUsd: 1.2, requests: 4 },
  month: { ...zero, costUsd: 9.75, requests: 60 },
  total: zero,
  byModel: {},
  byKind: {},
  byClient: {},
  budget: { dailyUsd: 5, onExceed: 'warn', state: 'ok' },
};
const team: ScopeSpend = {
  name: 'platform',
  today: { costUsd: 31.4, requests: 210 },
  month: { costUsd: 402.5, requests: 5100 },
  budget: { dailyUsd: 50, monthlyUsd: 1000, onExceed: 'block', state: 'ok' },
};

describe('teamSpendText (status bar in team mode)', () => {
  it("shows the developer's own spend today and the team's against its daily budget", () => {
    assert.equal(teamSpendText({ ...mine, team }), '$1.20 you · team $31/$50');
  });

  it("compares the team's month with its monthly budget when it has no daily one", () => {
    const monthly = { ...team, budget: { monthlyUsd: 1000, onExceed: 'warn' as const, state: 'ok' as const } };
    assert.equal(teamSpendText({ ...mine, team: monthly }), '$1.20 you · team $402/$1000 this month');
  });

  it("shows the team's spend alone when the team has no budget, and only the developer's when the gateway reports no team", () => {
    const unlimited = { ...team, budget: { onExceed: 'warn' as const, state: 'ok' as const } };
    assert.equal(teamSpendText({ ...mine, team: unlimited }), '$1.20 you · team $31 today');
    assert.equal(teamSpendText(mine), '$1.20 you today');
  });

  it('never rounds a team figure up to a limit it has not reached', () => {
    assert.equal(compactUsd(49.999), '$49');
    assert.equal(compactUsd(31.000000000000004), '$31');
    assert.equal(compactUsd(30.999999999999996), '$31', 'float noise is not a dollar less');
    assert.equal(compactUsd(0.0042), '$0.0042');
    assert.equal(teamSpendText({ ...mine, team: { ...team, budget: { ...team.budget, dailyUsd: 12.5 } } }), '$1.20 you · team $31/$12.50');
  });

  it("counts the developer's own spend on the gateway (every workspace and machine) as theirs when the gateway knows them", () => {
    const developer: ScopeSpend = { name: 'alice', today: { costUsd: 3.5 }, month: { costUsd: 20 }, budget: { dailyUsd: 10, onExceed: 'block', state: 'ok' } };
    assert.equal(teamSpendText({ ...mine, developer, team }), '$3.50 you · team $31/$50');
  });

  it("colours the item by the worst of the workspace's budget, all workspaces', the developer's and the team's", () => {
    const developer: ScopeSpend = { name: 'alice', today: { costUsd: 9 }, month: { costUsd: 20 }, budget: { dailyUsd: 10, onExceed: 'block', state: 'warn' } };
    assert.equal(worstBudgetState({ ...mine, developer, team }), 'warn');
    assert.equal(worstBudgetState({ ...mine, team: { ...team, budget: { ...team.budget, state: 'exceeded' } } }), 'exceeded');
    assert.equal(worstBudgetState({ ...mine, budget: { ...mine.budget, state: 'warn' }, team }), 'warn');
    assert.equal(worstBudgetState(mine), 'ok');
    // The all-workspaces budget colours the status bar too, when it is the stricter one.
    assert.equal(worstBudgetState({ ...mine, allWorkspaces: { ...team, name: 'all workspaces', budget: { ...team.budget, state: 'exceeded' } } }), 'exceeded');
  });

  it('says in the tooltip which gateway answers and where the developer and the team stand against their budgets', () => {
    const developer: ScopeSpend = { name: 'alice', today: { costUsd: 3.5 }, month: { costUsd: 20 }, budget: { dailyUsd: 10, onExceed: 'block', state: 'ok' } };
    const text = teamTooltipMarkdown({ ...mine, developer, team }, 'https://llm.example.com/v1');
    assert.ok(text.includes('**You \\(alice\\)**\n\n- Today: $3\\.50\n- This month: $20\\.00\n- Budget: $10\\.00 a day \\(within budget; when exceeded: block\\)'), text);
    assert.match(text, /\*\*Team gateway\*\* https:\/\/llm\\\.example\\\.com\/v1/);
    assert.match(text, /\*\*Team platform\*\*/);
    assert.match(text, /Today: \$31\\\.40 in 210 requests/);
    assert.match(text, /Budget: \$50\\\.00 a day, \$1000\\\.00 a month \\\(within budget; when exceeded: block\\\)/);
    assert.doesNotMatch(teamTooltipMarkdown(mine, 'https://llm.example.com/v1'), /Team platform/);
  });
});

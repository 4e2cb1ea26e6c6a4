import * as assert from 'node:assert/strict';
import { withoutNulls, withUserAllWorkspacesBudget } from '../../../client/src/server/settingsPayload';
import { parseSettings } from '../../../shared/settings';

describe('withoutNulls', () => {
  it('drops unset optional settings (null) at any depth', () => {
    const raw = { budget: { dailyUsd: null, monthlyUsd: 5, onExceed: 'warn' }, providers: [{ id: 'a', baseUrl: null }] };
    assert.deepEqual(withoutNulls(raw), { budget: { monthlyUsd: 5, onExceed: 'warn' }, providers: [{ id: 'a' }] });
  });

  it('turns the defaults VS Code reports into settings the server schema accepts', () => {
    const asVsCodeReportsThem = { budget: { dailyUsd: null, monthlyUsd: null, onExceed: 'warn', warnAtPercent: 80 }, trace: 'off' };
    assert.equal(parseSettings(asVsCodeReportsThem).ok, false);
    assert.equal(parseSettings(withoutNulls(asVsCodeReportsThem)).ok, true);
  });

  it('keeps false, zero and empty strings, which are real values', () => {
    assert.deepEqual(withoutNulls({ a: false, b: 0, c: '' }), { a: false, b: 0, c: '' });
  });
});

describe('withUserAllWorkspacesBudget', () => {
  const none = { allWorkspaces: {} };

  it('acts on the all-workspaces budget by the user settings\' onExceed, not the workspace\'s', () => {
    // The workspace says "warn"; the user's own setting says "block".
    const sent = withUserAllWorkspacesBudget({ budget: { onExceed: 'warn' } }, { allWorkspaces: { dailyUsd: 2 }, onExceed: 'block' });
    assert.deepEqual(sent, { budget: { onExceed: 'warn', allWorkspaces: { dailyUsd: 2, onExceed: 'block', warnAtPercent: 80 } } });
    const parsed = parseSettings(sent);
    assert.ok(parsed.ok);
    assert.equal(parsed.settings.budget.allWorkspaces.onExceed, 'block');
  });

  it('warns at the user settings\' warnAtPercent, never at a workspace\'s (a workspace cannot silence the warning)', () => {
    // The workspace set warnAtPercent 100 (merged into the settings object); the user's is 50.
    const sent = withUserAllWorkspacesBudget({ budget: { warnAtPercent: 100 } }, { allWorkspaces: { dailyUsd: 2 }, warnAtPercent: 50 });
    const parsed = parseSettings(sent);
    assert.ok(parsed.ok);
    assert.equal(parsed.settings.budget.allWorkspaces.warnAtPercent, 50);
    assert.equal(parsed.settings.budget.warnAtPercent, 100, 'the workspace budget keeps the workspace\'s own threshold');
  });

  it('takes no all-workspaces value from the merged settings: a workspace value of an allWorkspaces setting is ignored', () => {
    const merged = { budget: { allWorkspaces: { dailyUsd: 1000, monthlyUsd: 5000, onExceed: 'warn', warnAtPercent: 100 } } };
    assert.deepEqual(withUserAllWorkspacesBudget(merged, { allWorkspaces: { dailyUsd: 2 }, onExceed: 'block', warnAtPercent: 70 }), {
      budget: { allWorkspaces: { dailyUsd: 2, onExceed: 'block', warnAtPercent: 70 } },
    });
  });

  it('keeps the values the user set for the all-workspaces budget itself', () => {
    const sent = withUserAllWorkspacesBudget({}, { allWorkspaces: { monthlyUsd: 40, onExceed: 'downgrade', warnAtPercent: 90 }, onExceed: 'block', warnAtPercent: 50 });
    assert.deepEqual(sent, { budget: { allWorkspaces: { monthlyUsd: 40, onExceed: 'downgrade', warnAtPercent: 90 } } });
  });

  it('uses the defaults ("warn", 80%) when the user settings set neither, whatever the workspace set', () => {
    assert.deepEqual(withUserAllWorkspacesBudget({ budget: { onExceed: 'block', warnAtPercent: 100 } }, none), {
      budget: { onExceed: 'block', warnAtPercent: 100, allWorkspaces: { onExceed: 'warn', warnAtPercent: 80 } },
    });
  });
});

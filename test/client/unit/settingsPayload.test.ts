import * as assert from 'node:assert/strict';
import { withoutNulls, withUserOnExceed } from '../../../client/src/server/settingsPayload';
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

describe('withUserOnExceed', () => {
  it('acts on the all-workspaces budget by the user settings\' onExceed, not the workspace\'s', () => {
    // The workspace says "warn"; the user's own setting says "block".
    const sent = withUserOnExceed({ budget: { onExceed: 'warn', allWorkspaces: { dailyUsd: 2 } } }, 'block');
    assert.deepEqual(sent, { budget: { onExceed: 'warn', allWorkspaces: { dailyUsd: 2, onExceed: 'block' } } });
    const parsed = parseSettings(sent);
    assert.ok(parsed.ok);
    assert.equal(parsed.settings.budget.allWorkspaces.onExceed, 'block');
  });

  it('keeps an onExceed the user set for the all-workspaces budget itself', () => {
    const sent = withUserOnExceed({ budget: { allWorkspaces: { onExceed: 'downgrade' } } }, 'block');
    assert.deepEqual(sent, { budget: { allWorkspaces: { onExceed: 'downgrade' } } });
  });

  it('uses the default "warn" when the user settings set no onExceed, whatever the workspace set', () => {
    assert.deepEqual(withUserOnExceed({ budget: { onExceed: 'block' } }, undefined), { budget: { onExceed: 'block', allWorkspaces: { onExceed: 'warn' } } });
    assert.deepEqual(withUserOnExceed({}, undefined), { budget: { allWorkspaces: { onExceed: 'warn' } } });
  });
});

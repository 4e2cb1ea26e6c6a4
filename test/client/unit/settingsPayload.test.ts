import * as assert from 'node:assert/strict';
import { withoutNulls } from '../../../client/src/server/settingsPayload';
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

import assert from 'node:assert/strict';
import { toHttpError } from '../../../server/src/gateway/http-error';
import { allFailed, budgetBlocked, cancelled, noCandidates } from '../../../server/src/pipeline/errors';

describe('gateway error mapping', () => {
  it('maps router failures to the status a caller can act on, in OpenAI error format', () => {
    assert.equal(toHttpError(budgetBlocked('over', {})).status, 402);
    assert.equal(toHttpError(budgetBlocked('over', {})).type, 'budget_exceeded');
    const failed = toHttpError(allFailed([{ model: 'a/b', ok: false, error: '500 boom' }]));
    assert.equal(failed.status, 502);
    assert.match(failed.message, /a\/b: 500 boom/);
    assert.equal(toHttpError(noCandidates('none')).status, 400);
    assert.equal(toHttpError(cancelled()).status, 499);
    const internal = toHttpError(new Error('oops'));
    assert.equal(internal.status, 500);
    assert.deepEqual(Object.keys(internal.body.error), ['message', 'type', 'param', 'code']);
  });
});

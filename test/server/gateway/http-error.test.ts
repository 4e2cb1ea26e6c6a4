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

  it('answers 400, not the 502 agents retry, when every model refused the request itself', () => {
    const refused = toHttpError(allFailed([
      { model: 'a/b', ok: false, error: '400 request refused: too long', refused: true },
      { model: 'c/d', ok: false, error: '422 request refused: bad schema', refused: true },
    ]));
    assert.equal(refused.status, 400);
    assert.equal(refused.type, 'invalid_request_error');
    assert.equal(refused.code, 'all_candidates_failed');
    assert.match(refused.message, /a\/b: 400 request refused: too long; c\/d: 422/);
  });

  it('keeps 502 when any model failed in a way a retry may get past, or was skipped', () => {
    const refusedThenDown = allFailed([
      { model: 'a/b', ok: false, error: '400 request refused: too long', refused: true },
      { model: 'c/d', ok: false, error: '503 overloaded' },
    ]);
    assert.equal(toHttpError(refusedThenDown).status, 502);
    const refusedThenSkipped = allFailed([
      { model: 'a/b', ok: false, error: '400 request refused: too long', refused: true },
      { model: 'c/d', ok: false, error: 'skipped: circuit open for another 12 s' },
    ]);
    assert.equal(toHttpError(refusedThenSkipped).status, 502);
  });
});

import assert from 'node:assert/strict';
import { reasonForErrorType, reasonForStatus } from '../../../../server/src/providers/common/failure-reason';

describe('reasonForStatus', () => {
  const cases: [number, string][] = [
    [429, 'rate_limited'],
    [401, 'auth'],
    [402, 'auth'],
    [403, 'auth'],
    [503, 'overloaded'],
    [529, 'overloaded'],
    [500, 'server'],
    [502, 'server'],
    [504, 'server'],
    [408, 'timeout'],
    [400, 'bad_request'],
    [404, 'bad_request'],
    [413, 'bad_request'],
    [422, 'bad_request'],
  ];
  for (const [status, reason] of cases) {
    it(`maps HTTP ${status} to ${reason}`, () => {
      assert.equal(reasonForStatus(status), reason);
    });
  }
});

describe('reasonForStatus with an error code', () => {
  it('maps an exhausted OpenAI quota (a 429) to auth: waiting does not end it, another key may work', () => {
    assert.equal(reasonForStatus(429, 'insufficient_quota'), 'auth');
    assert.equal(reasonForStatus(429, 'rate_limit_exceeded'), 'rate_limited');
  });
});

describe('reasonForErrorType', () => {
  it('maps the error types providers put in mid-stream error events', () => {
    assert.equal(reasonForErrorType('overloaded_error'), 'overloaded');
    assert.equal(reasonForErrorType('rate_limit_error'), 'rate_limited');
    assert.equal(reasonForErrorType('rate_limit_exceeded'), 'rate_limited');
    assert.equal(reasonForErrorType('authentication_error'), 'auth');
    assert.equal(reasonForErrorType('invalid_request_error'), 'bad_request');
    assert.equal(reasonForErrorType('api_error'), 'server');
  });

  it('treats an unknown or missing type as a server error, which is worth retrying', () => {
    assert.equal(reasonForErrorType('something_new'), 'server');
    assert.equal(reasonForErrorType(undefined), 'server');
  });
});

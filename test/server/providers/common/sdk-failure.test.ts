import assert from 'node:assert/strict';
import { classifyPlainError } from '../../../../server/src/providers/common/sdk-failure';

describe('classifyPlainError', () => {
  it("calls a stack overflow while serialising the request our request's fault, not a connection failure of the model", () => {
    let value: unknown = 1;
    for (let i = 0; i < 1_000_000; i++) value = [value];
    let overflow: unknown;
    try {
      JSON.stringify(value);
    } catch (error) {
      overflow = error;
    }
    assert.ok(overflow instanceof RangeError);
    assert.deepEqual(classifyPlainError(overflow), { kind: 'unmappable', detail: 'the request is nested too deeply to send' });
  });

  it('still calls a socket error a connection failure', () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    assert.equal(classifyPlainError(reset).kind, 'connection');
  });
});

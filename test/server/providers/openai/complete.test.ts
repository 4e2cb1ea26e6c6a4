import assert from 'node:assert/strict';
import { MalformedResponseError } from '../../../../server/src/providers/common/sdk-failure';
import { readCompletion } from '../../../../server/src/providers/openai/complete';

const USAGE = { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 };

function malformedDetail(body: unknown): string {
  try {
    readCompletion(body);
  } catch (error) {
    assert.ok(error instanceof MalformedResponseError);
    return error.detail;
  }
  assert.fail('readCompletion accepted a malformed completion');
}

describe('readCompletion', () => {
  it('reads text and token counts from a complete response', () => {
    const body = { choices: [{ message: { content: 'hi there' } }], usage: USAGE };

    assert.deepEqual(readCompletion(body), { text: 'hi there', inputTokens: 3, outputTokens: 2 });
  });

  it('rejects an empty or absent choices array', () => {
    assert.equal(malformedDetail({ choices: [], usage: USAGE }), 'no choices');
    assert.equal(malformedDetail({ usage: USAGE }), 'no choices');
  });

  it('rejects a response without usage instead of guessing token counts', () => {
    assert.equal(malformedDetail({ choices: [{ message: { content: 'x' } }] }), 'no usage');
    assert.equal(malformedDetail({ choices: [{ message: { content: 'x' } }], usage: null }), 'no usage');
  });

  it('rejects token counts that are not whole non-negative numbers', () => {
    const usage = { prompt_tokens: '3', completion_tokens: 2 };

    assert.equal(malformedDetail({ choices: [{ message: { content: 'x' } }], usage }), 'invalid usage.prompt_tokens');
  });

  it('rejects a body that is not an object, as a server returning text would produce', () => {
    assert.equal(malformedDetail('<html>gateway error</html>'), 'the body is not a chat completion');
    assert.equal(malformedDetail(undefined), 'the body is not a chat completion');
  });
});

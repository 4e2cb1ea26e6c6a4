import assert from 'node:assert/strict';
import { languageModelErrorCode } from '../../../../client/src/lm/errorCode';
import { ErrorCodes } from '../../../../shared/protocol';

describe('router failures as LanguageModelError codes (vscode.lm callers)', () => {
  it('says Blocked when the budget blocks the request', () => {
    assert.equal(languageModelErrorCode({ code: ErrorCodes.BudgetBlocked, message: 'Budget exceeded' }), 'Blocked');
  });

  it('says NotFound when no configured model can take the request', () => {
    assert.equal(languageModelErrorCode({ code: ErrorCodes.NoCandidates, message: 'No models are configured' }), 'NotFound');
  });

  it('gives no specific code to provider failures, bad input or anything else', () => {
    for (const code of [ErrorCodes.AllCandidatesFailed, ErrorCodes.InvalidParams, ErrorCodes.TeamGateway, -32097, undefined]) {
      assert.equal(languageModelErrorCode({ code, message: 'x' }), undefined, String(code));
    }
    assert.equal(languageModelErrorCode(new Error('plain')), undefined);
    assert.equal(languageModelErrorCode(undefined), undefined);
  });
});

import assert from 'node:assert/strict';
import { isRefusalWarning, refusalWarning } from '../../shared/refusal-warning';

describe('refusalWarning / isRefusalWarning', () => {
  it('recognises the warning it writes, with or without the model\'s words, and only for that model', () => {
    assert.equal(refusalWarning('local/tiny', '  No. '), 'local/tiny declined to answer: “No.”');
    assert.equal(refusalWarning('local/tiny', ''), 'local/tiny declined to answer.');
    assert.ok(isRefusalWarning(refusalWarning('local/tiny', 'No.'), 'local/tiny'));
    assert.ok(isRefusalWarning(refusalWarning('local/tiny', ''), 'local/tiny'));
    assert.ok(!isRefusalWarning(refusalWarning('local/tiny', 'No.'), 'local/big'));
    assert.ok(!isRefusalWarning('local/tiny has no known price', 'local/tiny'));
  });
});

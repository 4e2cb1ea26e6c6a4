import assert from 'node:assert/strict';
import { clientName, MAX_CLIENT_LENGTH } from '../../../server/src/gateway/client-name';

describe('gateway clientName', () => {
  it('takes the x-llm-router-client header first', () => {
    assert.equal(clientName({ 'x-llm-router-client': ' my-agent ', 'user-agent': 'OpenAI/JS 6.1.0' }), 'my-agent');
  });

  it('keeps the product tokens of a user-agent and drops its (comments)', () => {
    assert.equal(clientName({ 'user-agent': 'OpenAI/JS 6.1.0' }), 'OpenAI/JS 6.1.0');
    assert.equal(clientName({ 'user-agent': 'claude-cli/2.0.14 (external, cli)' }), 'claude-cli/2.0.14');
    assert.equal(
      clientName({ 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36' }),
      'Mozilla/5.0 AppleWebKit/537.36 Chrome/120.0',
    );
  });

  it('bounds the length and keeps only printable characters', () => {
    const long = clientName({ 'x-llm-router-client': 'x'.repeat(500) });
    assert.equal(long?.length, MAX_CLIENT_LENGTH);
    assert.equal(clientName({ 'x-llm-router-client': 'bot\u0007\u00e9 1' }), 'bot 1');
  });

  it('is absent when neither header says anything', () => {
    assert.equal(clientName({}), undefined);
    assert.equal(clientName({ 'x-llm-router-client': '  ', 'user-agent': '(only a comment)' }), undefined);
  });
});

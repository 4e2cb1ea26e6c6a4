import * as assert from 'node:assert/strict';
import { teamGatewayBase, teamGatewayUrl } from '../../shared/team-gateway';

describe('team gateway addresses', () => {
  it('reads an address as typed into the base URL ending in /v1', () => {
    assert.equal(teamGatewayBase('https://llm.example.com'), 'https://llm.example.com/v1');
    assert.equal(teamGatewayBase(' https://llm.example.com/v1/ '), 'https://llm.example.com/v1');
    assert.equal(teamGatewayBase('http://10.0.0.5:8787/llm/v1'), 'http://10.0.0.5:8787/llm/v1');
    assert.equal(teamGatewayBase('http://10.0.0.5:8787/llm?x=1#y'), 'http://10.0.0.5:8787/llm/v1');
  });

  it('refuses what is no http(s) address, and an address carrying credentials (the token belongs in the keychain)', () => {
    assert.equal(teamGatewayBase('llm.example.com'), undefined);
    assert.equal(teamGatewayBase('ftp://llm.example.com'), undefined);
    assert.equal(teamGatewayBase('https://me:secret@llm.example.com'), undefined);
  });

  it('builds endpoint URLs with their query', () => {
    assert.equal(teamGatewayUrl('https://llm.example.com/v1', 'router/usage'), 'https://llm.example.com/v1/router/usage');
    assert.equal(teamGatewayUrl('https://llm.example.com/v1', 'router/dashboard', { days: 7, limit: undefined }), 'https://llm.example.com/v1/router/dashboard?days=7');
  });
});

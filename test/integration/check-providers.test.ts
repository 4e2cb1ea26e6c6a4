// router/checkProviders across the process boundary: the server lists each provider's
// models with each stored key, and says what works without revealing any key.
import assert from 'node:assert/strict';
import { CheckProvidersRequest, ErrorCodes } from '../../shared/protocol';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { fakeSettings } from './fixtures';
import { ServerProcess } from './server-process';

describe('router server: check providers (integration)', () => {
  const fake = useFakeProviders();
  let server: ServerProcess | undefined;

  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('checks every provider with every stored key and reports the rejected one by number only', async () => {
    server = await ServerProcess.start({ settings: fakeSettings(fake()), apiKeys: { claude: ['sk-ant-good', 'sk-ant-revoked-99999'] } });
    fake().script({ kind: 'status', status: 401 }, { key: 'sk-ant-revoked-99999' });

    const { providers } = await server.connection.sendRequest(CheckProvidersRequest.type, {});

    assert.deepEqual(providers.map((p) => `${p.providerId} ${p.status}`), ['local ok', 'claude partial']);
    assert.deepEqual(providers[1].keys.map((k) => `${k.key} ${k.ok}`), ['key #1 of 2 true', 'key #2 of 2 false']);
    assert.ok(!JSON.stringify(providers).includes('sk-ant'), 'no key in the result');
    assert.ok(!server.stderr.includes('sk-ant'), 'no key in the log');
  });

  it('checks one provider when asked, and names an unknown one as a bad param', async () => {
    server = await ServerProcess.start({ settings: fakeSettings(fake()) });

    const { providers } = await server.connection.sendRequest(CheckProvidersRequest.type, { providerId: 'claude' });
    assert.deepEqual(providers.map((p) => `${p.providerId} ${p.status}`), ['claude no-key']);

    await assert.rejects(
      server.connection.sendRequest(CheckProvidersRequest.type, { providerId: 'nope' }),
      (e: { code: number; message: string }) => e.code === ErrorCodes.InvalidParams && /No provider "nope" is configured \(configured: local, claude\)/.test(e.message),
    );
  });
});

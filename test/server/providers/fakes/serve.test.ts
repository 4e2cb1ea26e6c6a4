import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { FakeControlClient } from '../../../fakes/control-client';

const SERVE = 'test/fakes/serve.ts';

describe('fake providers served standalone (serve.ts)', () => {
  let child: ChildProcess | undefined;
  afterEach(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('prints its URLs as one JSON line, can be steered through the control client, and exits on SIGTERM', async () => {
    const args = ['--import', 'tsx', SERVE, '--port', '0'];
    child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
    const urls = JSON.parse(line) as { openai: string; anthropic: string; control: string };
    assert.match(urls.openai, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    assert.match(urls.anthropic, /^http:\/\/127\.0\.0\.1:\d+$/);

    const control = new FakeControlClient(urls.control);
    await control.script({ kind: 'status', status: 529 }, { api: 'anthropic' });
    const response = await fetch(`${urls.anthropic}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': 'k' },
      body: JSON.stringify({ model: 'c1', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(response.status, 529);
    const body = await response.json();
    assert.deepEqual(body, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    assert.equal((await control.requests())[0].apiKey, 'k');

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });
});

import assert from 'node:assert/strict';
import { FakeProviders } from '../../../fakes/fake-providers';

async function postChat(fake: FakeProviders, model: string, key: string): Promise<Response> {
  return fetch(`${fake.openaiUrl}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hello fake' }] }),
  });
}

describe('FakeProviders', () => {
  let fake: FakeProviders;
  beforeEach(async () => {
    fake = await FakeProviders.start();
  });
  afterEach(async () => {
    await fake.stop();
  });

  it('applies a scripted fault to the next N matching requests only', async () => {
    fake.script({ kind: 'status', status: 500 }, { model: 'm1', times: 2 });

    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await postChat(fake, 'm1', 'k')).status);

    assert.deepEqual(statuses, [500, 500, 200]);
  });

  it('matches faults by key and by model, leaving other requests alone', async () => {
    fake.script({ kind: 'status', status: 401 }, { key: 'revoked', times: 'always' });

    assert.equal((await postChat(fake, 'm1', 'good')).status, 200);
    assert.equal((await postChat(fake, 'm1', 'revoked')).status, 401);
    assert.equal((await postChat(fake, 'm2', 'revoked')).status, 401);
  });

  it('answers with a scripted reply text and counts its words as output tokens', async () => {
    fake.script({ kind: 'reply', text: 'const x = 1;\nreturn x;' }, { model: 'm1' });

    const body = (await (await postChat(fake, 'm1', 'k')).json()) as Record<string, any>;

    assert.equal(body.choices[0].message.content, 'const x = 1;\nreturn x;');
    assert.deepEqual(body.usage, { prompt_tokens: 2, completion_tokens: 6, total_tokens: 8, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } });
  });

  it('reports part of the prompt as read from the prompt cache when scripted to, as OpenAI does', async () => {
    fake.script({ kind: 'cached-prompt', cachedTokens: 1 }, { model: 'm1' });

    const body = (await (await postChat(fake, 'm1', 'k')).json()) as Record<string, any>;

    assert.deepEqual(body.usage.prompt_tokens_details, { cached_tokens: 1 });
  });

  it('records model, key, headers and body of each request', async () => {
    await postChat(fake, 'm1', 'key-1');

    const [recorded] = fake.requests;
    assert.equal(recorded.model, 'm1');
    assert.equal(recorded.apiKey, 'key-1');
    assert.equal(recorded.headers.authorization, 'Bearer key-1');
    assert.deepEqual((recorded.body as { messages: unknown }).messages, [{ role: 'user', content: 'hello fake' }]);
    assert.equal(recorded.behaviour, 'ok');
  });

  it('takes faults and hands out recorded requests over POST /__control', async () => {
    const control = async (command: object) => {
      const reply = await fetch(fake.controlUrl, { method: 'POST', body: JSON.stringify(command) });
      return (await reply.json()) as { requests: { behaviour: string }[] };
    };

    const behaviour = { kind: 'status', status: 429, retryAfter: '1' };
    await control({ action: 'script', behaviour, match: { model: 'm1' } });
    const response = await postChat(fake, 'm1', 'k');
    const { requests } = await control({ action: 'requests' });

    assert.equal(response.status, 429);
    assert.equal(response.headers.get('retry-after'), '1');
    assert.equal(requests.length, 1);
    assert.equal(requests[0].behaviour, 'status');
  });

  it('refuses a control command with an unknown behaviour', async () => {
    const response = await fetch(fake.controlUrl, {
      method: 'POST',
      body: JSON.stringify({ action: 'script', behaviour: { kind: 'explode' } }),
    });

    assert.equal(response.status, 400);
  });

  it('stops promptly even while a request hangs', async () => {
    fake.script({ kind: 'hang' });
    const hanging = postChat(fake, 'm1', 'k').catch((error: unknown) => error);
    while (fake.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));

    const started = performance.now();
    await fake.stop();

    assert.ok(performance.now() - started < 500);
    assert.ok((await hanging) instanceof Error);
  });
});

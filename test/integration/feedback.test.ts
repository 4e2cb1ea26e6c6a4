// router/feedback over the real server process: signals are recorded in the workspace's
// ledger and move the next routing decision, with the reason in words.
import assert from 'node:assert/strict';
import { FeedbackNotification, RouteRequest } from '../../shared/protocol';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { fakeSettings } from './fixtures';
import { ServerProcess } from './server-process';

const EXPLAIN = { workspaceId: 'ws-feedback', kind: 'explain' as const, prompt: 'what does this do?' };

describe('router server: feedback (integration)', () => {
  const fake = useFakeProviders();
  let server: ServerProcess | undefined;

  afterEach(async () => {
    await server?.stop();
  });

  it('routes explanations away from a model whose answers were retried, saying why, in that workspace only', async () => {
    server = await ServerProcess.start({ settings: fakeSettings(fake(), { cache: { enabled: false } }) });
    const { connection } = server;
    const before = await connection.sendRequest(RouteRequest.type, EXPLAIN);
    assert.equal(before.model, 'local/tiny-coder');

    // A malformed signal (a logical model, not the one that answered) is ignored, not fatal.
    await connection.sendNotification(FeedbackNotification.type, { ...EXPLAIN, model: 'cheap', signal: 'retried' });
    for (let i = 0; i < 6; i++) {
      await connection.sendNotification(FeedbackNotification.type, { workspaceId: EXPLAIN.workspaceId, kind: 'explain', model: 'local/tiny-coder', signal: 'retried' });
    }
    const after = await connection.sendRequest(RouteRequest.type, EXPLAIN);
    assert.notEqual(after.model, 'local/tiny-coder');
    assert.ok(
      after.reasons.some((r) => /^feedback: 6 of the last 6 explanations from local\/tiny-coder were retried: asking for more/.test(r)),
      after.reasons.join('\n'),
    );

    const elsewhere = await connection.sendRequest(RouteRequest.type, { ...EXPLAIN, workspaceId: 'ws-other' });
    assert.equal(elsewhere.model, 'local/tiny-coder');
  });
});

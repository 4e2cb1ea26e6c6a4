// Random garbage at every request: each call gets an answer or a JSON-RPC error, and
// the server is still serving afterwards.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CheckProvidersRequest, DashboardRequest, ExecuteRequest, RouteRequest, UsageRequest } from '../../shared/protocol';
import { useFakeProviders } from '../fakes/use-fake-providers';
import { API_KEYS, fakeSettings, SAMPLE_DOC } from './fixtures';
import { ServerProcess } from './server-process';

const METHODS = [RouteRequest.method, ExecuteRequest.method, UsageRequest.method, DashboardRequest.method, CheckProvidersRequest.method];

// Shapes close to valid ones reach deeper than pure noise.
const nearlyValid = fc.record(
  {
    workspaceId: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
    kind: fc.oneof(fc.constantFrom('completion', 'refactor', 'explain', 'summarize', 'ask'), fc.string()),
    prompt: fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.integer()),
    document: fc.oneof(
      fc.constant(SAMPLE_DOC),
      fc.record({ uri: fc.string(), languageId: fc.string(), text: fc.string({ unit: 'binary' }), selection: fc.anything() }, { requiredKeys: [] }),
      fc.anything(),
    ),
    model: fc.oneof(fc.string(), fc.constantFrom('local/tiny-coder', 'nope/nope', '/')),
    days: fc.oneof(fc.integer(), fc.double()),
    providerId: fc.oneof(fc.constantFrom('local', 'claude'), fc.string(), fc.integer()),
  },
  { requiredKeys: [] },
);

describe('router server: fuzzed params (integration)', () => {
  const fake = useFakeProviders();
  let server: ServerProcess;

  before(async () => {
    server = await ServerProcess.start({ settings: fakeSettings(fake(), { cache: { enabled: false } }), apiKeys: API_KEYS });
  });
  after(async () => {
    await server.stop();
  });

  it('answers every malformed or random request with a result or an error, and keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...METHODS), fc.oneof(nearlyValid, fc.anything()), async (method, params) => {
        try {
          await server.connection.sendRequest(method, params);
        } catch (e) {
          assert.equal(typeof (e as { code: unknown }).code, 'number', String(e));
        }
      }),
      { numRuns: 150 },
    );
    const alive = await server.connection.sendRequest(RouteRequest.type, { workspaceId: 'w', prompt: 'still there?' });
    assert.ok(alive.model);
    assert.equal(server.child.exitCode, null);
  });

  it('survives random settings pushed live: every later request gets a result or an error code', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), fc.record({ providers: fc.anything(), budget: fc.anything(), routing: fc.anything() }, { requiredKeys: [] })), async (llmRouter) => {
        await server.changeSettings(llmRouter);
        // Settings apply in order with requests, so this route sees the outcome of that change.
        try {
          await server.connection.sendRequest(RouteRequest.type, { workspaceId: 'w', prompt: 'still routing?' });
        } catch (e) {
          assert.equal(typeof (e as { code: unknown }).code, 'number', String(e));
        }
      }),
      { numRuns: 60 },
    );
    await server.changeSettings(fakeSettings(fake(), { cache: { enabled: false } }));
    const alive = await server.connection.sendRequest(RouteRequest.type, { workspaceId: 'w', prompt: 'still there?' });
    assert.ok(alive.model);
    assert.equal(server.child.exitCode, null);
  });
});

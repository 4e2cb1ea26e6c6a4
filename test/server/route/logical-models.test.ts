import assert from 'node:assert/strict';
import { aliasWarnings, logicalModelNames, resolveModel, UnknownModelName } from '../../../server/src/route/logical-models';

const aliases = {
  smart: { models: ['an/claude', 'oa/gpt-4o'] },
  'quick-explain': { strategy: 'fastest' as const, kind: 'explain' as const },
};

describe('logical models', () => {
  it('routes as configured for auto or no model, and forces a providerId/modelId', () => {
    assert.deepEqual(resolveModel(undefined, aliases), {});
    assert.deepEqual(resolveModel('auto', aliases), {});
    assert.deepEqual(resolveModel('oa/gpt-4o', aliases), { forcedModel: 'oa/gpt-4o' });
  });

  it('turns cheap, fast and best into that strategy for the request, saying so', () => {
    assert.deepEqual(resolveModel('cheap', aliases), { strategy: 'cheapest', note: 'model "cheap": strategy cheapest for this request' });
    assert.equal(resolveModel('fast', aliases).strategy, 'fastest');
    assert.equal(resolveModel('best', aliases).strategy, 'best');
  });

  it('resolves an alias to its model list, or its strategy and kind', () => {
    assert.deepEqual(resolveModel('smart', aliases), { onlyModels: { name: 'smart', refs: ['an/claude', 'oa/gpt-4o'] }, note: 'model "smart" (llmRouter.aliases)' });
    assert.deepEqual(resolveModel('quick-explain', aliases), {
      strategy: 'fastest',
      kind: 'explain',
      note: 'model "quick-explain" (llmRouter.aliases): strategy fastest, kind explain',
    });
  });

  it('refuses an unknown name, listing every logical name that exists', () => {
    assert.throws(
      () => resolveModel('clever', aliases),
      (e: unknown) => e instanceof UnknownModelName && e.message === 'Unknown model "clever": expected "providerId/modelId" or one of auto, cheap, fast, best, smart, quick-explain',
    );
    // Not fooled by names every object has.
    assert.throws(() => resolveModel('constructor', aliases), UnknownModelName);
    assert.deepEqual(logicalModelNames({}), ['auto', 'cheap', 'fast', 'best']);
  });

  it('warns about an alias naming a model that is not configured', () => {
    assert.deepEqual(aliasWarnings(aliases, new Set(['an/claude'])), ['llmRouter.aliases.smart names oa/gpt-4o, not in llmRouter.providers: skipped.']);
  });
});

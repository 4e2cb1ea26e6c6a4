import assert from 'node:assert/strict';
import { modelList } from '../../../server/src/gateway/models';
import { settingsSchema } from '../../../shared/settings';

describe('gateway model list', () => {
  it('lists auto first, then every configured providerId/modelId', () => {
    const settings = settingsSchema.parse({
      providers: [
        { id: 'oa', type: 'openai', models: [{ id: 'gpt-4o-mini' }, { id: 'gpt-4o' }] },
        { id: 'an', type: 'anthropic', models: [{ id: 'claude-x' }] },
      ],
    });
    const list = modelList(settings);
    assert.equal(list.object, 'list');
    assert.deepEqual(list.data.map((m) => [m.id, m.owned_by]), [
      ['auto', 'llm-router'],
      ['oa/gpt-4o-mini', 'oa'],
      ['oa/gpt-4o', 'oa'],
      ['an/claude-x', 'an'],
    ]);
    assert.ok(list.data.every((m) => m.object === 'model'));
  });
});

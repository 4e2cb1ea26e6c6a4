import assert from 'node:assert/strict';
import { modelList } from '../../../server/src/gateway/models';
import { settingsSchema } from '../../../shared/settings';

describe('gateway model list', () => {
  const settings = settingsSchema.parse({
    providers: [
      { id: 'oa', type: 'openai', models: [{ id: 'gpt-4o-mini' }, { id: 'gpt-4o' }] },
      { id: 'an', type: 'anthropic', models: [{ id: 'claude-x' }] },
      { id: 'ol', type: 'openai-compatible', baseUrl: 'http://127.0.0.1:11434/v1', models: [{ id: 'coder', capabilities: { tools: true }, contextWindow: 32768 }] },
    ],
    aliases: { smart: { models: ['an/claude-x', 'oa/gpt-4o'] }, 'quick-explain': { strategy: 'fastest', kind: 'explain' } },
  });
  const list = modelList(settings);

  it('lists the logical models first (auto, cheap, fast, best, then each alias), then every configured providerId/modelId', () => {
    assert.equal(list.object, 'list');
    assert.deepEqual(list.data.map((m) => [m.id, m.owned_by]), [
      ['auto', 'llm-router'],
      ['cheap', 'llm-router'],
      ['fast', 'llm-router'],
      ['best', 'llm-router'],
      ['smart', 'llm-router'],
      ['quick-explain', 'llm-router'],
      ['oa/gpt-4o-mini', 'oa'],
      ['oa/gpt-4o', 'oa'],
      ['an/claude-x', 'an'],
      ['ol/coder', 'ol'],
    ]);
    assert.ok(list.data.every((m) => m.object === 'model'));
  });

  it('says what each logical model routes by: its strategy, or an alias\'s models or kind', () => {
    const byId = new Map(list.data.map((m) => [m.id, m as Record<string, unknown>]));
    assert.equal(byId.get('auto')!.strategy, 'balanced');
    assert.equal(byId.get('cheap')!.strategy, 'cheapest');
    assert.equal(byId.get('fast')!.strategy, 'fastest');
    assert.equal(byId.get('best')!.strategy, 'best');
    assert.deepEqual(byId.get('smart')!.models, ['an/claude-x', 'oa/gpt-4o']);
    assert.deepEqual([byId.get('quick-explain')!.strategy, byId.get('quick-explain')!.kind], ['fastest', 'explain']);
  });

  it('gives each configured model its context window and capabilities, null where nobody knows', () => {
    const byId = new Map(list.data.map((m) => [m.id, m as Record<string, unknown>]));
    assert.deepEqual(byId.get('oa/gpt-4o-mini')!.capabilities, { tools: true, vision: true, json_schema: true });
    assert.equal(byId.get('oa/gpt-4o-mini')!.context_window, 128000);
    assert.deepEqual(byId.get('ol/coder')!.capabilities, { tools: true, vision: null, json_schema: null });
    assert.equal(byId.get('ol/coder')!.context_window, 32768);
  });
});

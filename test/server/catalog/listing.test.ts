import assert from 'node:assert/strict';
import { buildCatalog } from '../../../server/src/catalog/catalog';
import { modelListing } from '../../../server/src/catalog/listing';

describe('model listing for editors', () => {
  const { models } = buildCatalog([
    {
      id: 'openai',
      type: 'openai',
      models: [{ id: 'gpt-4o-mini' }, { id: 'gpt-4o', capabilities: { vision: false } }],
    },
    { id: 'local', type: 'openai-compatible', baseUrl: 'http://127.0.0.1:1/v1', models: [{ id: 'my-own-model' }] },
  ]);
  const listing = modelListing(models, () => undefined);

  it('gives tool calling and image input from the price table, overridden by a model setting', () => {
    assert.deepEqual(
      listing.slice(0, 2).map(({ model, tools, vision }) => ({ model, tools, vision })),
      [
        { model: 'openai/gpt-4o-mini', tools: true, vision: true },
        { model: 'openai/gpt-4o', tools: true, vision: false },
      ],
    );
  });

  it('leaves them out for a model nobody describes, so the editor decides its default', () => {
    assert.equal('tools' in listing[2], false);
    assert.equal('vision' in listing[2], false);
  });
});

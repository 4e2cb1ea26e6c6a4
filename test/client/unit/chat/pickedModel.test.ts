import assert from 'node:assert/strict';
import { pickedRouterModel } from '../../../../client/src/chat/pickedModel';

describe('@router and the Chat view model picker', () => {
  it('asks for the configured model, strategy or alias picked among LLM Router\'s models', () => {
    assert.equal(pickedRouterModel({ vendor: 'llm-router', id: 'openai/gpt-4o' }), 'openai/gpt-4o');
    assert.equal(pickedRouterModel({ vendor: 'llm-router', id: 'cheap' }), 'cheap');
    assert.equal(pickedRouterModel({ vendor: 'llm-router', id: 'smart' }), 'smart');
  });

  it('lets the router choose for "LLM Router" (auto), another vendor\'s model, or none', () => {
    assert.equal(pickedRouterModel({ vendor: 'llm-router', id: 'auto' }), undefined);
    assert.equal(pickedRouterModel({ vendor: 'copilot', id: 'gpt-4o' }), undefined);
    assert.equal(pickedRouterModel(undefined), undefined);
  });
});

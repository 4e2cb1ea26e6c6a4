import assert from 'node:assert/strict';
import { buildPrompt, capOutput } from '../../../server/src/prompt/build';
import { REASONING_ROOM_TOKENS, reasoningRoom } from '../../../server/src/prompt/reasoning-room';
import { model } from '../route/models';

describe('reasoningRoom', () => {
  const prompt = buildPrompt('ask', 'why is the sky blue?', undefined);
  const thinker = model('openai/gpt-5-mini', 0.25, 2, 0.8, { reasoning: true });

  it('gives a model that reasons room to think on top of the answer’s own limit', () => {
    assert.equal(reasoningRoom(thinker, prompt), REASONING_ROOM_TOKENS);
  });

  it('gives none to a model that does not reason, to Claude (which thinks only when asked), or under a cap the caller set', () => {
    assert.equal(reasoningRoom(model('openai/gpt-4o-mini', 0.15, 0.6, 0.7), prompt), 0);
    const claude = model('claude/claude-sonnet-4-5', 3, 15, 0.9, { reasoning: true });
    assert.equal(reasoningRoom({ ...claude, provider: { ...claude.provider, type: 'anthropic' } }, prompt), 0);
    assert.equal(reasoningRoom(thinker, capOutput(prompt, 100)), 0);
  });
});

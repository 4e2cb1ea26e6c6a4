import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { estimateText, modelChoices, plainText } from '../../../client/src/commands/modelChoices';
import type { RouteCandidate } from '../../../shared/protocol';

const route = (...candidates: RouteCandidate[]) => ({ candidates });

/**
 * What a quick-pick label shows, as VS Code renders it (renderLabelWithIcons in
 * vs/base/browser/ui/iconLabel/iconLabels.ts): `$(name)` becomes an icon, `\$(name)` the text.
 */
function rendered(label: string): { text: string; icons: string[] } {
  const iconSyntax = /(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g;
  const icons: string[] = [];
  const text = label.replace(iconSyntax, (_match, escaped: string | undefined, name: string) => {
    if (escaped) return `$(${name})`;
    icons.push(name);
    return '';
  });
  return { text, icons };
}

describe('modelChoices', () => {
  it('keeps the router\'s order and marks its own choice, the first, only', () => {
    const choices = modelChoices(route(
      { model: 'local/tiny-coder', estimatedCostUsd: 0.000061, quality: 0.75 },
      { model: 'claude/claude-fake', estimatedCostUsd: 0.00052, quality: 0.85 },
      { model: 'openai/gpt-4o', estimatedCostUsd: 0.0123, quality: 0.9 },
    ));
    assert.deepEqual(choices.map((c) => c.model), ['local/tiny-coder', 'claude/claude-fake', 'openai/gpt-4o']);
    assert.deepEqual(choices.map((c) => c.label), ['local/tiny-coder', 'claude/claude-fake', 'openai/gpt-4o']);
    assert.deepEqual(choices.map((c) => c.detail), ['router\'s choice', undefined, undefined]);
  });

  it('describes each with its estimated cost for this request and its quality', () => {
    const choices = modelChoices(route(
      { model: 'a/cheap', estimatedCostUsd: 0.0012, quality: 0.823 },
      { model: 'b/dear', estimatedCostUsd: 0.42, quality: 0.9 },
    ));
    assert.deepEqual(choices.map((c) => c.description), ['~$0.0012 · quality 0.82', '~$0.42 · quality 0.90']);
  });

  it('says "price unknown" for a model with no known price, never $0', () => {
    const [choice] = modelChoices(route({ model: 'house/model-7', quality: 0.3 }));
    assert.equal(choice.description, 'price unknown · quality 0.30');
    assert.doesNotMatch(choice.description, /\$/);
  });

  it('notes why a model cannot be called now, also on the router\'s choice', () => {
    const choices = modelChoices(route(
      { model: 'local/big-coder', estimatedCostUsd: 0.0015, quality: 0.95, unavailable: 'circuit open after repeated failures' },
      { model: 'claude/claude-fake', estimatedCostUsd: 0.00052, quality: 0.85, unavailable: 'no API key for provider "claude"' },
    ));
    assert.deepEqual(choices.map((c) => c.detail), [
      'router\'s choice · unavailable now: circuit open after repeated failures',
      'unavailable now: no API key for provider "claude"',
    ]);
  });

  it('lists nothing when the router has no candidates', () => {
    assert.deepEqual(modelChoices(route()), []);
  });

  it('shows a model id with icon syntax as typed, not as an icon, and still answers with the real id', () => {
    const id = 'evil/$(check) trusted $(loading~spin)';
    const [choice] = modelChoices(route({ model: id, estimatedCostUsd: 0.001, quality: 0.5, unavailable: `no key for $(key)` }));
    assert.equal(choice.model, id);
    assert.deepEqual(rendered(choice.label), { text: id, icons: [] });
    assert.deepEqual(rendered(choice.detail ?? ''), { text: 'router\'s choice · unavailable now: no key for $(key)', icons: [] });
  });
});

describe('plainText', () => {
  it('renders as the very text it was given, without icons, whatever it holds', () => {
    const pieces = fc.constantFrom('$(', '$', '(', ')', '\\', '~', '-', 'a', 'Zz', '7', ' ', '\u202E');
    const tricky = fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(fc.property(tricky, (text) => {
      assert.deepEqual(rendered(plainText(text)), { text: text.replaceAll('\u202E', '\uFFFD'), icons: [] });
    }), { numRuns: 2000 });
  });

  it('replaces control characters and bidirectional overrides, which could disguise a model id', () => {
    assert.equal(plainText('openai/gpt-4o\u202Enim-\u2066x\nnext\u0007'), 'openai/gpt-4o\uFFFDnim-\uFFFDx\uFFFDnext\uFFFD');
    assert.equal(plainText('ollama/qwen2.5-coder:7b'), 'ollama/qwen2.5-coder:7b');
  });
});

describe('estimateText', () => {
  it('shows a known estimate as formatUsd does, marked as approximate', () => {
    assert.equal(estimateText(0.0012), '~$0.0012');
    assert.equal(estimateText(0.42), '~$0.42');
    assert.equal(estimateText(0), '~$0.00');
  });

  it('does not round a tiny but real cost down to $0.0000', () => {
    assert.equal(estimateText(0.00003), '<$0.0001');
    assert.equal(estimateText(0.00005), '~$0.0001');
  });

  it('never shows an unknown price as a number', () => {
    assert.equal(estimateText(undefined), 'price unknown');
    assert.equal(estimateText(Number.NaN), 'price unknown');
  });
});

// Selection when the request needs something of a model: tools, images, JSON schema,
// OpenAI-only parameters; an alias's model list; a tool loop kept on its model.
import assert from 'node:assert/strict';
import { defaultSettings } from '../../../shared/settings';
import type { Classification } from '../../../server/src/classify/types';
import type { ModelInfo } from '../../../server/src/catalog/types';
import { requirementsOf } from '../../../server/src/route/requirements';
import { selectModels, SelectionError, type SelectionInput } from '../../../server/src/route/select';
import { model } from './models';

const easy: Classification = { kind: 'ask', kindConfidence: 1, kindSource: 'given', difficulty: 'easy', difficultyScore: 0.1, signals: [] };

const known = (tools: boolean, vision: boolean, jsonSchema: boolean): ModelInfo['capabilities'] => ({
  tools: { supported: tools, from: 'price-table' },
  vision: { supported: vision, from: 'price-table' },
  jsonSchema: { supported: jsonSchema, from: 'price-table' },
});

// Cheapest first: a text-only model, a model nobody knows, a capable one, a capable Claude.
const TEXT_ONLY = model('p/text-only', 0.05, 0.2, 0.6, { capabilities: known(false, false, false), settingsPath: 'llmRouter.providers[0].models[0]' });
const UNKNOWN = model('p/unknown', 0.1, 0.4, 0.6, { capabilities: {}, settingsPath: 'llmRouter.providers[0].models[1]' });
const CAPABLE = model('p/capable', 1, 4, 0.8, { capabilities: known(true, true, true), settingsPath: 'llmRouter.providers[0].models[2]' });
const CLAUDE = {
  ...model('an/claude', 2, 8, 0.85, { capabilities: known(true, true, true), settingsPath: 'llmRouter.providers[1].models[0]' }),
  provider: { id: 'an', type: 'anthropic' as const, models: [{ id: 'claude' }] },
};

function input(over: Partial<SelectionInput> = {}): SelectionInput {
  return {
    models: [TEXT_ONLY, UNKNOWN, CAPABLE, CLAUDE],
    classification: easy,
    routing: defaultSettings.routing,
    inputTokens: 500,
    expectedOutputTokens: 100,
    downgrade: false,
    unavailable: () => undefined,
    observedLatencyMs: () => undefined,
    ...over,
  };
}

const order = (over: Partial<SelectionInput>) => selectModels(input(over)).ordered.map((c) => c.model.ref);
const tool = { name: 'read_file', parameters: { type: 'object' } };
const image = { type: 'image' as const, url: 'https://example.com/a.png' };

describe('selectModels: what the request needs', () => {
  it('sends a plain request to the cheapest model, needing nothing', () => {
    assert.equal(order({})[0], 'p/text-only');
  });

  it('routes a request with tools only among models that call tools, known ones before unknown ones', () => {
    const s = selectModels(input({ requirements: requirementsOf({ tools: [tool], messages: [{ role: 'user', content: 'hi' }] }) }));
    assert.deepEqual(s.ordered.map((c) => c.model.ref), ['p/capable', 'an/claude', 'p/unknown']);
    assert.deepEqual(s.excluded.map((e) => e.model.ref), ['p/text-only']);
    assert.ok(s.reasons.some((r) => r.startsWith('needs tool calling: left out p/text-only (no tool calling, per the price table')), s.reasons.join('\n'));
    assert.ok(s.reasons.some((r) => r.startsWith('tried after the models known to take this request: p/unknown (tool calling unknown')), s.reasons.join('\n'));
  });

  it('needs tool calling for a conversation holding tool calls or results even without tools, and vision for an image anywhere', () => {
    const needs = requirementsOf({
      messages: [
        { role: 'user', content: 'look' },
        { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'shot', arguments: '{}' }] },
        { role: 'tool', toolCallId: 'c1', content: [{ type: 'text', text: 'here' }, image] },
      ],
    });
    assert.deepEqual(needs, [{ type: 'capability', capability: 'tools' }, { type: 'capability', capability: 'vision' }]);
  });

  it('uses a model of unknown capability, with a warning saying what to set, when no model is known to have it', () => {
    const s = selectModels(input({ models: [TEXT_ONLY, UNKNOWN], requirements: [{ type: 'capability', capability: 'vision' }] }));
    assert.deepEqual(s.ordered.map((c) => c.model.ref), ['p/unknown']);
    assert.ok(
      s.warnings.includes('p/unknown: image input unknown (not in the price table): set "capabilities": { "vision": true } on llmRouter.providers[0].models[1] if it does.'),
      s.warnings.join('\n'),
    );
  });

  it('refuses a request no model can take, naming what it needs and why each model was left out', () => {
    assert.throws(
      () => selectModels(input({ models: [TEXT_ONLY], requirements: requirementsOf({ tools: [tool] }) })),
      (e: unknown) =>
        e instanceof SelectionError &&
        e.message ===
          'No configured model can take this request: it needs tool calling; considered p/text-only (no tool calling, per the price table: ' +
            'set "capabilities": { "tools": true } on llmRouter.providers[0].models[0] if it does).',
    );
  });

  it('says when a setting is what rules a model out', () => {
    const off = model('p/off', 1, 1, 0.7, { capabilities: { tools: { supported: false, from: 'settings' } }, settingsPath: 'llmRouter.providers[3].models[1]' });
    assert.throws(() => selectModels(input({ models: [off], requirements: [{ type: 'capability', capability: 'tools' }] })), /p\/off \(no tool calling, its settings say "tools": false: set "capabilities": \{ "tools": true \} on llmRouter\.providers\[3\]\.models\[1\] if it does\)/);
  });

  it('refuses a forced model that lacks what the request needs, naming it', () => {
    assert.throws(
      () => selectModels(input({ forcedModel: 'p/text-only', requirements: [{ type: 'capability', capability: 'jsonSchema' }] })),
      /^Error: The requested model p\/text-only cannot take this request: it needs JSON schema output \(no JSON schema output, per the price table/,
    );
    assert.throws(() => selectModels(input({ forcedModel: 'p/missing' })), /Unknown model "p\/missing": it is not in llmRouter\.providers \(configured: p\/text-only, p\/unknown, p\/capable, an\/claude\)/);
  });

  it('keeps OpenAI-only parameters away from the Anthropic API', () => {
    const needs = requirementsOf({ options: { seed: 7, topP: 0.9, frequencyPenalty: 0.5 } });
    const s = selectModels(input({ models: [CLAUDE, CAPABLE], requirements: needs }));
    assert.deepEqual(s.ordered.map((c) => c.model.ref), ['p/capable']);
    assert.equal(s.excluded[0].why, 'the Anthropic Messages API takes no seed, topP, frequencyPenalty');
  });

  it('routes a request with a reasoning effort like any other: the effort is a hint for models that reason, not a requirement', () => {
    assert.deepEqual(requirementsOf({ options: { reasoningEffort: 'medium' } }), []);
    const s = selectModels(input({ models: [CLAUDE, CAPABLE, UNKNOWN], requirements: requirementsOf({ options: { reasoningEffort: 'high' } }) }));
    assert.equal(s.excluded.length, 0);
  });

  it('takes JSON mode on OpenAI-type APIs, and on Anthropic only where a schema or a tool can force it', () => {
    const needs = requirementsOf({ options: { responseFormat: { type: 'json_object' } } });
    const plainClaude = { ...CLAUDE, ref: 'an/plain', capabilities: known(false, false, false) };
    const s = selectModels(input({ models: [TEXT_ONLY, CLAUDE, plainClaude], requirements: needs }));
    assert.deepEqual(s.ordered.map((c) => c.model.ref), ['p/text-only', 'an/claude']);
    assert.deepEqual(s.excluded.map((e) => e.model.ref), ['an/plain']);
  });

  it('names the context window among the reasons a model was left out', () => {
    const small = model('p/small', 0.01, 0.01, 0.9, { contextWindow: 1000, capabilities: known(true, true, true) });
    assert.throws(
      () => selectModels(input({ models: [small, TEXT_ONLY], inputTokens: 5000, requirements: [{ type: 'capability', capability: 'tools' }] })),
      (e: Error) => e.message.startsWith('No configured model can take this request: it needs ~5100 tokens of context and tool calling; considered p/small (context window 1000 tokens), p/text-only (no tool calling'),
    );
  });
});

describe('selectModels: aliases and tool loops', () => {
  it('tries only an alias\'s models, in its order, whatever they cost', () => {
    const s = selectModels(input({ onlyModels: { name: 'smart', refs: ['an/claude', 'p/missing', 'p/capable'] } }));
    assert.deepEqual(s.ordered.map((c) => c.model.ref), ['an/claude', 'p/capable']);
    assert.ok(s.reasons.includes('model "smart": its models in order (an/claude, p/capable)'), s.reasons.join('\n'));
  });

  it('refuses when none of an alias\'s models can take the request, naming the alias', () => {
    assert.throws(
      () => selectModels(input({ onlyModels: { name: 'cheapo', refs: ['p/text-only'] }, requirements: [{ type: 'capability', capability: 'tools' }] })),
      /^Error: No model of "cheapo" can take this request: it needs tool calling; considered p\/text-only/,
    );
    assert.throws(() => selectModels(input({ onlyModels: { name: 'gone', refs: ['x/y'] } })), /None of the models of "gone" \(x\/y\) is in llmRouter\.providers/);
  });

  it('keeps a tool loop on the model that started it, ahead of a cheaper choice, with fallback to the others', () => {
    const s = selectModels(input({ toolLoopModel: 'an/claude', requirements: [{ type: 'capability', capability: 'tools' }] }));
    assert.deepEqual(s.ordered.map((c) => c.model.ref), ['an/claude', 'p/capable', 'p/unknown']);
    assert.ok(s.reasons.includes('continues the tool loop started by an/claude'), s.reasons.join('\n'));
  });

  it('lets a forced model and an alias list win over the tool loop', () => {
    assert.equal(order({ toolLoopModel: 'an/claude', forcedModel: 'p/capable' })[0], 'p/capable');
    assert.deepEqual(order({ toolLoopModel: 'an/claude', onlyModels: { name: 'a', refs: ['p/capable', 'an/claude'] } }), ['p/capable', 'an/claude']);
  });

  it('tries the loop\'s model later when it cannot be called now, and routes afresh when it cannot take the request', () => {
    const blocked = order({ toolLoopModel: 'an/claude', unavailable: (m) => (m.ref === 'an/claude' ? 'circuit open after repeated failures' : undefined) });
    assert.equal(blocked[blocked.length - 1], 'an/claude');
    const s = selectModels(input({ toolLoopModel: 'p/text-only', requirements: [{ type: 'capability', capability: 'tools' }] }));
    assert.equal(s.ordered[0].model.ref, 'p/capable');
    assert.ok(s.reasons.some((r) => r.startsWith('the tool loop was started by p/text-only, which cannot take this request (no tool calling')), s.reasons.join('\n'));
  });
});

import assert from 'node:assert/strict';
import {
  canonicalCandidates,
  canonicalModelName,
  withoutDateSuffix,
  withoutVendorPath,
  withoutVersionSuffix,
} from '../../../server/src/catalog/modelNames';

describe('modelNames', () => {
  it('strips an eight-digit date, an ISO date, -latest and an Ollama tag as version suffixes', () => {
    assert.equal(withoutVersionSuffix('claude-3-5-sonnet-20241022'), 'claude-3-5-sonnet');
    assert.equal(withoutVersionSuffix('gpt-4o-mini-2024-07-18'), 'gpt-4o-mini');
    assert.equal(withoutVersionSuffix('codestral-latest'), 'codestral');
    assert.equal(withoutVersionSuffix('llama3:latest'), 'llama3');
    assert.equal(withoutVersionSuffix('qwen2.5-coder:32b'), 'qwen2.5-coder');
  });

  it('leaves an id without a version suffix alone', () => {
    assert.equal(withoutVersionSuffix('gpt-4o'), undefined);
    assert.equal(withoutVersionSuffix('gemini-2.5-pro-preview-06-05'), undefined);
  });

  it('treats only dates, not Ollama size tags, as snapshots of one model', () => {
    assert.equal(withoutDateSuffix('gpt-4o-2024-08-06'), 'gpt-4o');
    assert.equal(withoutDateSuffix('qwen2.5-coder:32b'), undefined);
  });

  it('drops the vendor path of a reseller id', () => {
    assert.equal(withoutVendorPath('openrouter/openai/gpt-4o'), 'gpt-4o');
    assert.equal(withoutVendorPath('gpt-4o'), undefined);
  });

  it('gives aider and Anthropic spellings of one model the same canonical name', () => {
    assert.equal(canonicalModelName('claude-3.5-sonnet-20240620'), canonicalModelName('claude-3-5-sonnet-20240620'));
    assert.equal(canonicalModelName('openrouter/Qwen/Qwen2.5-Coder-32B-Instruct'), 'qwen2-5-coder-32b-instruct');
    assert.equal(canonicalModelName('DeepSeek V2.5'), 'deepseek-v2-5');
  });

  it('keeps the Ollama tag in the canonical name because tags name different sizes', () => {
    assert.notEqual(canonicalModelName('qwen2.5-coder:7b'), canonicalModelName('qwen2.5-coder:32b'));
  });

  it('lists the pinned canonical name before the version-less one', () => {
    assert.deepEqual(canonicalCandidates('gpt-4o-mini-2024-07-18'), ['gpt-4o-mini-2024-07-18', 'gpt-4o-mini']);
    assert.deepEqual(canonicalCandidates('gpt-4o'), ['gpt-4o']);
  });
});

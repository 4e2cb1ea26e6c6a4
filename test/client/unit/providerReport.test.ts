import * as assert from 'node:assert/strict';
import {
  hasProblems, keyCheckSentence, needsApiKey, providerReportMarkdown, providersNeedingKey, providerSummary,
} from '../../../client/src/diagnose/providerReport';
import type { CheckProvidersResult, ProviderCheck } from '../../../shared/protocol';

const openai: ProviderCheck = {
  providerId: 'openai',
  type: 'openai',
  status: 'ok',
  keys: [{ key: 'key #1 of 1', ok: true, latencyMs: 120.4 }],
  listedModels: 45,
  unlistedModels: [],
};
const local: ProviderCheck = {
  providerId: 'local',
  type: 'openai-compatible',
  status: 'failed',
  keys: [{ key: 'no key', ok: false, error: 'connection refused (http://localhost:11434)', latencyMs: 3 }],
};
const claude: ProviderCheck = { providerId: 'claude', type: 'anthropic', status: 'no-key', keys: [] };
const rotating: ProviderCheck = {
  providerId: 'groq',
  type: 'openai-compatible',
  status: 'partial',
  keys: [
    { key: 'key #1 of 2', ok: true, latencyMs: 80 },
    { key: 'key #2 of 2', ok: false, error: 'invalid API key (401)', latencyMs: 95 },
  ],
  listedModels: 1,
};
const result = (...providers: ProviderCheck[]): CheckProvidersResult => ({ providers });

/** The section of one provider: from its heading to the next. */
function section(markdown: string, providerId: string): string {
  const start = markdown.indexOf(`## ${providerId} `);
  assert.ok(start >= 0, `no section for ${providerId}`);
  const next = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, next < 0 ? undefined : next);
}

describe('providerReportMarkdown', () => {
  it('has a heading, the summary and one section per provider with its type and status in plain words', () => {
    const text = providerReportMarkdown(result(openai, rotating, local, claude));
    assert.match(text, /^# LLM Router: provider check\n/);
    assert.match(text, /^2 of 4 providers work; groq: some keys fail; local: not working; claude: no API key\.$/m);
    assert.match(section(text, 'openai'), /^## openai \(openai\)\n\n\*\*Status:\*\* ok$/m);
    assert.match(section(text, 'groq'), /\*\*Status:\*\* some keys fail/);
    assert.match(section(text, 'local'), /## local \(openai-compatible\)/);
    assert.match(section(text, 'local'), /\*\*Status:\*\* not working/);
    assert.match(section(text, 'claude'), /\*\*Status:\*\* no API key: run "LLM Router: Set API Key…"/);
  });

  it('gives each key its label, ok or the error, and its latency in whole milliseconds', () => {
    const groq = section(providerReportMarkdown(result(rotating)), 'groq');
    assert.match(groq, /^- key #1 of 2: ok \(80 ms\)$/m);
    assert.match(groq, /^- key #2 of 2: failed \(95 ms\): invalid API key \(401\)$/m);
    assert.match(section(providerReportMarkdown(result(openai)), 'openai'), /^- key #1 of 1: ok \(120 ms\)$/m);
    assert.match(section(providerReportMarkdown(result(local)), 'local'),
      /^- without a key: failed \(3 ms\): connection refused \(http:\/\/localhost:11434\)$/m);
  });

  it('says how many models the provider lists, or that none could be listed', () => {
    assert.match(section(providerReportMarkdown(result(openai)), 'openai'), /^- Lists 45 models\.$/m);
    assert.match(section(providerReportMarkdown(result(rotating)), 'groq'), /^- Lists 1 model\.$/m);
    assert.match(section(providerReportMarkdown(result(local)), 'local'), /Could not list its models/);
    // No key, nothing tried: the status line already says what to do.
    const none = providerReportMarkdown(result(claude));
    assert.doesNotMatch(section(none, 'claude'), /Lists|Could not list/);
    assert.ok(none.endsWith('Set API Key…"\n'), 'no trailing blank lines');
  });

  it('warns about configured models missing from the list, and only then', () => {
    const typo = { ...openai, unlistedModels: ['gpt-4o-mnii', 'o3-pro'] };
    const text = section(providerReportMarkdown(result(typo)), 'openai');
    assert.match(text, /Warning:\*\* 2 configured models are not in this provider's list: `gpt-4o-mnii`, `o3-pro`\./);
    assert.match(text, /check the spelling of these model ids; some providers do not list aliases/i);
    const one = section(providerReportMarkdown(result({ ...openai, unlistedModels: ['gpt-4o-mnii'] })), 'openai');
    assert.match(one, /1 configured model is not in this provider's list: `gpt-4o-mnii`\./);
    assert.doesNotMatch(providerReportMarkdown(result(openai, rotating)), /Warning/);
  });

  it('escapes provider ids, key labels, errors and model ids so they cannot format, link or break the report', () => {
    const hostile: ProviderCheck = {
      providerId: 'my_[evil](http://x)',
      type: 'openai-compatible',
      status: 'failed',
      keys: [{ key: 'key #1 of 1', ok: false, error: 'bad *gateway*\n# injected heading\n<img src=x>', latencyMs: 10 }],
      listedModels: 2,
      unlistedModels: ['a`b\nc'],
    };
    const text = providerReportMarkdown(result(hostile));
    assert.match(text, /^## my\\_\\\[evil\\\]\(http:\/\/x\) \(openai-compatible\)$/m);
    assert.match(text, /failed \(10 ms\): bad \\\*gateway\\\* # injected heading \\<img src=x\\>$/m);
    assert.doesNotMatch(text, /^# injected/m);
    assert.match(text, /`a'b c`/);
    assert.equal(text.match(/^## /gm)?.length, 1);
  });

  it('tells what to do when no provider is configured', () => {
    const text = providerReportMarkdown(result());
    assert.match(text, /No providers are configured\./);
    assert.match(text, /LLM Router: Add Provider…/);
    assert.doesNotMatch(text, /^## /m);
    assert.doesNotMatch(text, /was fetched/, 'nothing was fetched');
  });
});

describe('providersNeedingKey', () => {
  const check = (providerId: string, status: ProviderCheck['status'], error?: string): ProviderCheck => ({
    providerId, type: 'openai', status, keys: error ? [{ key: 'key #1 of 1', ok: false, error, latencyMs: 5 }] : [],
  });

  it('names the providers without a key or with a refused key, and not an unreachable one', () => {
    const found = providersNeedingKey({ providers: [
      check('openai', 'no-key'), check('claude', 'failed', 'claude/models: 401 authentication failed'),
      check('local', 'failed', 'local/models: connection failed: ECONNREFUSED'),
    ] });
    assert.deepEqual(found, ['openai', 'claude']);
  });
});

describe('providerSummary', () => {
  it('counts the working providers (some failing keys still work) and names each problem', () => {
    assert.equal(providerSummary(result(openai, rotating, claude)), '2 of 3 providers work; groq: some keys fail; claude: no API key');
    assert.equal(providerSummary(result(openai)), '1 of 1 provider works');
    assert.equal(providerSummary(result(local)), '0 of 1 provider works; local: not working');
  });

  it('names model ids missing from a working provider\'s list', () => {
    assert.equal(providerSummary(result({ ...openai, unlistedModels: ['gpt-4o-mnii'] }, claude)),
      '1 of 2 providers work; openai: 1 model id not listed; claude: no API key');
    assert.equal(providerSummary(result({ ...rotating, unlistedModels: ['a', 'b'] })), '1 of 1 provider works; groq: some keys fail, 2 model ids not listed');
  });

  it('says when no provider is configured', () => {
    assert.equal(providerSummary(result()), 'no providers are configured');
  });
});

describe('hasProblems and needsApiKey', () => {
  it('find nothing to fix when every provider is ok and lists its models', () => {
    assert.equal(hasProblems(result(openai)), false);
    assert.equal(needsApiKey(result(openai)), false);
  });

  it('find a problem in any status but ok, in unlisted models, and in having no provider', () => {
    for (const provider of [rotating, local, claude]) assert.equal(hasProblems(result(openai, provider)), true, provider.status);
    assert.equal(hasProblems(result({ ...openai, unlistedModels: ['x'] })), true);
    assert.equal(hasProblems(result()), true);
  });

  it('offer Set API Key for a provider with no key or a refused key, not for an unreachable server', () => {
    assert.equal(needsApiKey(result(openai, claude)), true);
    assert.equal(needsApiKey(result(rotating)), true);
    assert.equal(needsApiKey(result(local)), false);
    const unauthorized = { ...local, keys: [{ key: 'key #1 of 1', ok: false, error: 'unauthorized (403)', latencyMs: 5 }] };
    assert.equal(needsApiKey(result(unauthorized)), true);
  });
});

describe('keyCheckSentence (the notification after keys are stored)', () => {
  it('says the key works, with how many models it lists', () => {
    assert.deepEqual(keyCheckSentence(openai), { ok: true, text: 'it works (45 models listed)' });
  });

  it('names the first failing key and why, when some or all keys fail', () => {
    assert.deepEqual(keyCheckSentence(rotating), { ok: false, text: '1 of 2 keys work (1 model listed); key #2 of 2: invalid API key (401)' });
    const refused: ProviderCheck = { ...openai, status: 'failed', listedModels: undefined, keys: [{ key: 'key #1 of 1', ok: false, error: '401 auth\nsecond line', latencyMs: 9 }] };
    assert.deepEqual(keyCheckSentence(refused), { ok: false, text: 'it does not work: key #1 of 1: 401 auth second line' });
  });
});

// The report of "LLM Router: Check Providers" as Markdown, and its one-line summary for the
// notification. Pure (no vscode import) so it is unit-tested; provider ids, model ids and
// errors come from settings and the providers, so they are escaped.
import type { CheckProvidersResult, KeyCheck, ProviderCheck } from '../../../shared/protocol';
import { mentionsKeyProblem } from '../errors/describeError';

const SET_API_KEY_HINT = 'run "LLM Router: Set API Key…"';

/** Each status in plain words, as the report's status line and in the summary. */
const STATUS_WORDS: Record<ProviderCheck['status'], { report: string; summary: string }> = {
  ok: { report: 'ok', summary: 'ok' },
  partial: { report: 'some keys fail', summary: 'some keys fail' },
  failed: { report: 'not working', summary: 'not working' },
  'no-key': { report: `no API key: ${SET_API_KEY_HINT}`, summary: 'no API key' },
};

export function providerReportMarkdown(result: CheckProvidersResult): string {
  const lines = ['# LLM Router: provider check', '', `${inline(capitalize(providerSummary(result)))}.`, ''];
  if (result.providers.length === 0) {
    // Nothing was fetched: saying how the lists were fetched would only puzzle.
    lines.push('No provider is set up yet: run **LLM Router: Add Provider…** (OpenAI, Anthropic, OpenRouter, Ollama, LM Studio or any OpenAI-compatible URL).');
  } else {
    lines.push("Each provider's model list was fetched once with each of its keys; listing models is free, nothing was billed.");
  }
  for (const provider of result.providers) lines.push('', ...providerSection(provider));
  return `${lines.join('\n')}\n`;
}

/** e.g. "2 of 3 providers work; claude: no API key". Plain text: notifications show no Markdown. */
export function providerSummary(result: CheckProvidersResult): string {
  const { providers } = result;
  if (providers.length === 0) return 'no providers are configured';
  // A provider with some failing keys still serves requests (the router skips the bad keys).
  const working = providers.filter((p) => p.status === 'ok' || p.status === 'partial').length;
  const head = `${working} of ${providers.length} ${providers.length === 1 ? 'provider works' : 'providers work'}`;
  const notes = providers.flatMap((provider) => {
    const problems = [
      ...(provider.status === 'ok' ? [] : [STATUS_WORDS[provider.status].summary]),
      ...(unlisted(provider).length > 0 ? [`${countOf(unlisted(provider).length, 'model id')} not listed`] : []),
    ];
    return problems.length > 0 ? [`${provider.providerId}: ${problems.join(', ')}`] : [];
  });
  return [head, ...notes].join('; ');
}

/** Whether the check found anything to fix: a provider not ok, a model id not listed, or no provider at all. */
export function hasProblems(result: CheckProvidersResult): boolean {
  return result.providers.length === 0 || result.providers.some((p) => p.status !== 'ok' || unlisted(p).length > 0);
}

/** The providers whose key is missing or was refused (Set API Key… fixes them). */
export function providersNeedingKey(result: CheckProvidersResult): string[] {
  return result.providers.filter((p) => p.status === 'no-key'
    || p.keys.some((key) => !key.ok && key.error !== undefined && mentionsKeyProblem(key.error))).map((p) => p.providerId);
}

/** Whether "Set API Key…" would help: a provider has no key, or a key was refused. */
export function needsApiKey(result: CheckProvidersResult): boolean {
  return providersNeedingKey(result).length > 0;
}

function providerSection(provider: ProviderCheck): string[] {
  const lines = [`## ${inline(provider.providerId)} (${provider.type})`, '', `**Status:** ${STATUS_WORDS[provider.status].report}`];
  const items = provider.keys.map((key) => `- ${keyLine(key)}`);
  if (provider.listedModels !== undefined) {
    items.push(`- Lists ${countOf(provider.listedModels, 'model')}.`);
  } else if (provider.status !== 'no-key') {
    items.push('- Could not list its models.');
  }
  if (items.length > 0) lines.push('', ...items);
  const missing = unlisted(provider);
  if (missing.length > 0) {
    const verb = missing.length === 1 ? 'is' : 'are';
    lines.push('', `> **Warning:** ${countOf(missing.length, 'configured model')} ${verb} not in this provider's list: `
      + `${missing.map(codeSpan).join(', ')}. Check the spelling of these model ids; some providers do not list aliases.`);
  }
  return lines;
}

function keyLine(key: KeyCheck): string {
  // The server names a keyless local server's only check "no key".
  const label = key.key === 'no key' ? 'without a key' : inline(key.key);
  const latency = `(${Math.round(key.latencyMs)} ms)`;
  if (key.ok) return `${label}: ok ${latency}`;
  return `${label}: failed ${latency}: ${inline(key.error ?? 'no reason given')}`;
}

function unlisted(provider: ProviderCheck): string[] {
  return provider.unlistedModels ?? [];
}

/** A model id as inline code: readable in the raw document and never formatted. */
function codeSpan(text: string): string {
  return `\`${oneLine(text).replace(/`/g, "'")}\``;
}

/** Errors may hold line breaks, which would end the list item or start a heading. */
/**
 * Text from settings or a provider, on one line inside a heading or list item. The report
 * opens as a Markdown document, so it stays readable raw: only what could format, link or
 * inject HTML mid-line is escaped (a '#' or '(' there is plain text).
 */
function inline(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<>|]/g, '\\$&');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * One provider's check as the end of a sentence, for the notification after keys are stored:
 * "it works (12 models listed)", "1 of 2 keys work; key #2 of 2: 401 ...". Plain text.
 */
export function keyCheckSentence(check: ProviderCheck): { ok: boolean; text: string } {
  const failing = check.keys.filter((key) => !key.ok);
  const listed = check.listedModels === undefined ? '' : ` (${countOf(check.listedModels, 'model')} listed)`;
  const firstFailure = failing[0] ? `${failing[0].key}: ${oneLine(failing[0].error ?? 'no reason given')}` : '';
  switch (check.status) {
    case 'ok':
      return { ok: true, text: `${check.keys.length === 1 ? 'it works' : `all ${check.keys.length} work`}${listed}` };
    case 'partial':
      return { ok: false, text: `${check.keys.length - failing.length} of ${check.keys.length} keys work${listed}; ${firstFailure}` };
    case 'failed':
      return { ok: false, text: `${check.keys.length === 1 ? 'it does not work' : 'none of them works'}: ${firstFailure}` };
    case 'no-key':
      return { ok: false, text: 'the router server has no key for it yet' };
  }
}

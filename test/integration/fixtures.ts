// Settings that point the server at the fake providers: a cheap and a strong
// OpenAI-compatible model (no key needed) and an Anthropic model (needs a key).
// Quality priors are pinned in settings so routing decisions are predictable.
import type { FakeProviders } from '../fakes/fake-providers';
import { countWords } from '../fakes/reply';

export const PRICES = {
  'local/tiny-coder': { in: 0.1, out: 0.4 },
  'local/big-coder': { in: 3, out: 15 },
  'claude/claude-fake': { in: 1, out: 5 },
} as const;

export function fakeSettings(fake: FakeProviders, extra: Record<string, unknown> = {}) {
  return {
    providers: [
      {
        id: 'local',
        type: 'openai-compatible',
        baseUrl: fake.openaiUrl,
        models: [
          {
            id: 'tiny-coder',
            inputUsdPerMTok: PRICES['local/tiny-coder'].in,
            outputUsdPerMTok: PRICES['local/tiny-coder'].out,
            contextWindow: 32_000,
            quality: { completion: 0.75, refactor: 0.45, explain: 0.65, summarize: 0.75, ask: 0.55 },
          },
          {
            id: 'big-coder',
            inputUsdPerMTok: PRICES['local/big-coder'].in,
            outputUsdPerMTok: PRICES['local/big-coder'].out,
            contextWindow: 200_000,
            quality: { completion: 0.95, refactor: 0.95, explain: 0.95, summarize: 0.95, ask: 0.95 },
          },
        ],
      },
      {
        id: 'claude',
        type: 'anthropic',
        baseUrl: fake.anthropicUrl,
        models: [
          {
            id: 'claude-fake',
            inputUsdPerMTok: PRICES['claude/claude-fake'].in,
            outputUsdPerMTok: PRICES['claude/claude-fake'].out,
            contextWindow: 100_000,
            quality: { completion: 0.85, refactor: 0.85, explain: 0.85, summarize: 0.85, ask: 0.85 },
          },
        ],
      },
    ],
    resilience: { retriesPerModel: 0, timeoutMs: 5_000, breakerFailures: 3, breakerHalfOpenAfterMs: 60_000 },
    ...extra,
  };
}

export const API_KEYS = { claude: 'test-key-claude-a' };

export function expectedCost(model: keyof typeof PRICES, inputTokens: number, outputTokens: number): number {
  const p = PRICES[model];
  return (inputTokens * p.in + outputTokens * p.out) / 1_000_000;
}

/** Input "tokens" as the fake counts them: words over every message of the recorded body. */
export function recordedInputWords(body: unknown): number {
  const b = body as { system?: string; messages: { content: string }[] };
  const system = typeof b.system === 'string' ? countWords(b.system) : 0;
  return system + b.messages.reduce((sum, m) => sum + countWords(m.content), 0);
}

export const SAMPLE_DOC = {
  uri: 'file:///ws/src/math.ts',
  languageId: 'typescript',
  text: 'export function add(a: number, b: number) {\n  return a + b;\n}\n',
  selection: { start: { line: 0, character: 0 }, end: { line: 2, character: 1 } },
};

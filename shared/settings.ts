// The "llmRouter" settings object, validated by one zod schema. The VS Code client
// sends it as-is; the server parses it here and keeps the last good one on error.
import { z } from 'zod';
import { KINDS } from './protocol';

const usdPerMTok = z.number().finite().nonnegative();
/**
 * A duration the server waits with a timer: at most a day. Node runs a timer past 2^31-1 ms
 * (~24.8 days) after 1 ms instead, so `"timeoutMs": 3000000000` timed every call out at once
 * and failed every request; a day, four times over (a model that reasons gets four times the
 * limits), stays far below that.
 */
export const MAX_TIMER_MS = 86_400_000;
const timerMs = z.number().int().max(MAX_TIMER_MS);
const qualityByKind = z.partialRecord(z.enum(KINDS), z.number().min(0).max(1));

export const modelSchema = z.object({
  id: z.string().min(1),
  inputUsdPerMTok: usdPerMTok.optional(),
  outputUsdPerMTok: usdPerMTok.optional(),
  /** Price of prompt tokens the provider reports as read from its prompt cache; default: the price table's, else the input price. */
  cachedInputUsdPerMTok: usdPerMTok.optional(),
  /** Price of prompt tokens written to the provider's prompt cache (Anthropic); default: the price table's, else the input price. */
  cacheWriteInputUsdPerMTok: usdPerMTok.optional(),
  contextWindow: z.number().int().positive().optional(),
  /** The model thinks before it answers (its reasoning counts against the output limit); default: the price table's flag. */
  reasoning: z.boolean().optional(),
  /** Overrides the built-in quality prior (0..1) for some kinds. */
  quality: qualityByKind.optional(),
  /**
   * What the model can do, overriding the price table's flags (default: the table's; unknown
   * for a model it does not list). Strict: a misspelt capability is an error, not ignored.
   */
  capabilities: z
    .strictObject({
      /** Calls tools (function calling). */
      tools: z.boolean().optional(),
      /** Reads images. */
      vision: z.boolean().optional(),
      /** Answers in JSON that follows a given JSON schema (structured output). */
      jsonSchema: z.boolean().optional(),
    })
    .optional(),
});

export const providerSchema = z.object({
  id: z
    .string()
    .min(1)
    .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ".", "_" or "-" only (it is the prefix of model names)'),
  type: z.enum(['openai', 'anthropic', 'openai-compatible']),
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Environment variable holding the key (or comma-separated keys) when none is stored. */
  apiKeyEnv: z.string().min(1).optional(),
  /**
   * At most 1,000: every request weighs every model, so a 1.5 MB list of 10,000 cost each
   * request ~60 ms of the server's one thread (and 10,000 warning lines at start).
   */
  models: z.array(modelSchema).min(1).max(1_000),
});

export const strategySchema = z.enum(['balanced', 'cheapest', 'fastest', 'best']);

export const weightsSchema = z.object({
  cost: z.number().min(0).default(0.6),
  latency: z.number().min(0).default(0.1),
  quality: z.number().min(0).default(0.3),
});

/**
 * The logical model names every caller may use besides `providerId/modelId`, and the
 * routing strategy each stands for for that request (`auto`: the configured one).
 */
export const BUILT_IN_MODEL_NAMES = { auto: undefined, cheap: 'cheapest', fast: 'fastest', best: 'best' } as const;
export type BuiltInModelName = keyof typeof BUILT_IN_MODEL_NAMES;

export function isBuiltInModelName(name: string): name is BuiltInModelName {
  return Object.hasOwn(BUILT_IN_MODEL_NAMES, name);
}

/** The characters a logical model name may use (as `router/execute`'s `model` accepts them). */
export const ALIAS_NAME = /^[A-Za-z0-9._-]+$/;

const aliasNameSchema = z
  .string()
  .regex(ALIAS_NAME, 'an alias is letters, digits, ".", "_" or "-" (no "/": that names a configured model)')
  .refine((name) => !isBuiltInModelName(name), {
    message: `an alias may not reuse a built-in name (${Object.keys(BUILT_IN_MODEL_NAMES).join(', ')})`,
  });

export const aliasSchema = z
  .strictObject({
    /** Configured models (`providerId/modelId`) tried in this order, each falling back to the next. */
    models: z.array(z.string().regex(/^[^/\s]+\/\S+$/, 'expected "providerId/modelId"')).min(1).optional(),
    /** Route with this strategy for the request. */
    strategy: strategySchema.optional(),
    /** Treat the request as this kind instead of classifying it (unless the request gives one). */
    kind: z.enum(KINDS).optional(),
  })
  .refine((a) => a.models !== undefined || a.strategy !== undefined || a.kind !== undefined, {
    message: 'an alias needs models, a strategy or a kind',
  })
  .refine((a) => a.models === undefined || a.strategy === undefined, {
    message: 'an alias lists models (tried in that order) or names a strategy, not both',
    path: ['strategy'],
  });
export type AliasSettings = z.infer<typeof aliasSchema>;

export const kindRuleSchema = z.object({
  /** Always try this model first for the kind (`providerId/modelId`). */
  model: z.string().optional(),
  /** Minimum expected quality (0..1) a model needs for this kind. */
  minQuality: z.number().min(0).max(1).optional(),
});

export const settingsSchema = z.object({
  providers: z.array(providerSchema).default([]),
  routing: z
    .object({
      strategy: strategySchema.default('balanced'),
      weights: weightsSchema.default({ cost: 0.6, latency: 0.1, quality: 0.3 }),
      rules: z.partialRecord(z.enum(KINDS), kindRuleSchema).default({}),
    })
    .default({ strategy: 'balanced', weights: { cost: 0.6, latency: 0.1, quality: 0.3 }, rules: {} }),
  /** Logical model names a caller may send as `model`: `{ "smart": { "models": [...] } }`. */
  aliases: z.record(aliasNameSchema, aliasSchema).default({}),
  budget: z
    .object({
      dailyUsd: z.number().positive().optional(),
      monthlyUsd: z.number().positive().optional(),
      onExceed: z.enum(['warn', 'downgrade', 'block']).default('warn'),
      warnAtPercent: z.number().min(1).max(100).default(80),
      /** The most one request may cost; see server/src/budget/request-cap.ts. */
      maxRequestUsd: z.number().positive().optional(),
      /**
       * Limits on the spend of every workspace together (the whole local ledger of this VS Code
       * profile), with the same warnAtPercent; user settings only (package.json declares them
       * application-scoped, so a workspace cannot raise them).
       */
      allWorkspaces: z
        .object({
          dailyUsd: z.number().positive().optional(),
          monthlyUsd: z.number().positive().optional(),
          /**
           * What happens past these limits; unset: budget.onExceed. The VS Code client fills it from
           * the user settings' budget.onExceed, so a workspace's onExceed cannot turn a block into a warning.
           */
          onExceed: z.enum(['warn', 'downgrade', 'block']).optional(),
          /** From this share of a limit on it warns; unset: budget.warnAtPercent (the VS Code client sends the user settings' one). */
          warnAtPercent: z.number().min(1).max(100).optional(),
        })
        .default({}),
    })
    .default({ onExceed: 'warn', warnAtPercent: 80, allWorkspaces: {} }),
  cache: z
    .object({
      enabled: z.boolean().default(true),
      ttlHours: z.number().positive().default(24 * 7),
    })
    .default({ enabled: true, ttlHours: 24 * 7 }),
  resilience: z
    .object({
      /**
       * Per attempt, in milliseconds, counted from its last sign of life (each event of a stream).
       * A call whose answer may take longer to write is streamed from the provider (resilience/patience.ts).
       */
      timeoutMs: timerMs.positive().default(60_000),
      /** Retries of one model on a retryable error, before falling back to the next. */
      retriesPerModel: z.number().int().min(0).max(5).default(1),
      /** Most models tried for one request. */
      maxModels: z.number().int().min(1).max(10).default(4),
      /** Longest `retry-after` honoured by waiting; longer ones move on to the next model. */
      maxRetryAfterMs: timerMs.min(0).default(10_000),
      breakerFailures: z.number().int().min(1).default(3),
      breakerHalfOpenAfterMs: timerMs.min(100).default(30_000),
      keyCooldownMs: timerMs.min(0).default(60_000),
      /**
       * A call with no first token by then is stalled (not streamed, no answer by the later of
       * this and twice its model's slowest recent answer): once breakerFailures calls of one
       * model are, its breaker opens and they fall back.
       */
      firstByteTimeoutMs: timerMs.min(100).default(15_000),
    })
    .default({
      timeoutMs: 60_000,
      retriesPerModel: 1,
      maxModels: 4,
      maxRetryAfterMs: 10_000,
      breakerFailures: 3,
      breakerHalfOpenAfterMs: 30_000,
      keyCooldownMs: 60_000,
      firstByteTimeoutMs: 15_000,
    }),
  /** Client-side settings the server ignores; listed so the one schema covers them all. */
  inlineCompletions: z
    .object({ enabled: z.boolean().default(false), debounceMs: timerMs.min(0).default(300) })
    .default({ enabled: false, debounceMs: 300 }),
  /** Client-side: the HTTP gateway the extension hosts in its router server (router/gateway). */
  gateway: z
    .object({ enabled: z.boolean().default(false), port: z.number().int().min(0).max(65_535).default(8787) })
    .default({ enabled: false, port: 8787 }),
  /**
   * Team mode: the router server forwards every request to this team gateway (an LLM Router
   * `--http` server) instead of routing on this machine; its token is kept in SecretStorage.
   */
  team: z
    .object({ gatewayUrl: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL, e.g. https://llm.example.com/v1' }).optional() })
    .default({}),
  trace: z.enum(['off', 'messages', 'verbose']).default('off'),
  /** Read by the VS Code client only: where Explain, Summarize and Ask from the palette answer. */
  answerIn: z.enum(['panel', 'chat']).default('panel'),
});

export type Settings = z.infer<typeof settingsSchema>;
export type ProviderSettings = z.infer<typeof providerSchema>;
export type ModelSettings = z.infer<typeof modelSchema>;
export type Strategy = z.infer<typeof strategySchema>;

export type SettingsResult = { ok: true; settings: Settings } | { ok: false; errors: string[] };

/** Parses raw settings; errors name the setting as a user would see it (`llmRouter.budget.dailyUsd`). */
export function parseSettings(raw: unknown): SettingsResult {
  const result = settingsSchema.safeParse(raw ?? {});
  if (result.success) {
    const duplicate = firstDuplicate(result.data.providers.map((p) => p.id));
    if (duplicate) return { ok: false, errors: [`llmRouter.providers: provider id "${duplicate}" is used twice`] };
    return { ok: true, settings: result.data };
  }
  return {
    ok: false,
    errors: result.error.issues.map((i) => `${['llmRouter', ...i.path.map(String)].join('.')}: ${issueMessage(i)}`),
  };
}

/** A bad record key (an alias name) says why, not just "Invalid key in record". */
function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_key' && issue.issues.length > 0) return issue.issues.map((i) => i.message).join('; ');
  return issue.message;
}

export const defaultSettings: Settings = settingsSchema.parse({});

function firstDuplicate(values: string[]): string | undefined {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) return v;
    seen.add(v);
  }
  return undefined;
}

/** initializationOptions of the `initialize` request. */
export const initOptionsSchema = z.object({
  storageDir: z.string().min(1),
  settings: z.unknown().optional(),
  apiKeys: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  /** The team gateway's token (team mode, see settings `team.gatewayUrl`); like API keys, never in settings or logs. */
  teamToken: z.string().min(1).max(4096).optional(),
});
export type InitOptions = z.infer<typeof initOptionsSchema>;

// decide(): logical models (cheap/fast/best, aliases), what a request needs, and how a
// conversation in an agent loop is classified. Pure: no provider is called.
import assert from 'node:assert/strict';
import { buildCatalog } from '../../../server/src/catalog/catalog';
import { decide, toRouteResult, type DecideContext } from '../../../server/src/pipeline/decide';
import { RouterError } from '../../../server/src/pipeline/errors';
import { ErrorCodes, type ConversationMessage, type ExecuteParams } from '../../../shared/protocol';
import { parseSettings, type Settings } from '../../../shared/settings';

const quality = (q: number) => ({ completion: q, refactor: q, explain: q, summarize: q, ask: q });

function settings(extra: Record<string, unknown> = {}): Settings {
  const parsed = parseSettings({
    providers: [
      {
        id: 'local',
        type: 'openai-compatible',
        baseUrl: 'http://127.0.0.1:9/v1',
        models: [
          { id: 'tiny', inputUsdPerMTok: 0.1, outputUsdPerMTok: 0.4, contextWindow: 32_000, quality: quality(0.7), capabilities: { tools: false } },
          { id: 'big', inputUsdPerMTok: 3, outputUsdPerMTok: 15, contextWindow: 200_000, quality: quality(0.95), capabilities: { tools: true } },
        ],
      },
      {
        id: 'claude',
        type: 'anthropic',
        models: [{ id: 'fake', inputUsdPerMTok: 1, outputUsdPerMTok: 5, contextWindow: 100_000, quality: quality(0.85), capabilities: { tools: true } }],
      },
    ],
    ...extra,
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.settings;
}

function context(s: Settings = settings()): DecideContext {
  return {
    settings: s,
    models: buildCatalog(s.providers).models,
    catalogWarnings: [],
    spend: { todayUsd: 0, monthUsd: 0 },
    unavailable: () => undefined,
    observedLatencyMs: () => undefined,
    typicalOutput: () => undefined,
  };
}

const ask = (over: Partial<ExecuteParams> = {}): ExecuteParams => ({ workspaceId: 'ws', kind: 'explain', prompt: 'what does this do', ...over });

describe('decide: logical models', () => {
  it('routes "cheap" and "best" with that strategy for the request, and says which was asked for', () => {
    const cheap = decide(context(), ask({ model: 'cheap' }));
    const best = decide(context(), ask({ model: 'best' }));
    assert.equal(cheap.selection.ordered[0].model.ref, 'local/tiny');
    assert.equal(best.selection.ordered[0].model.ref, 'local/big');
    assert.ok(best.reasons.includes('model "best": strategy best for this request'), best.reasons.join('\n'));
    assert.ok(best.reasons.some((r) => r.startsWith('strategy best:')), best.reasons.join('\n'));
  });

  it('routes an alias list in its order, and an alias kind as the request\'s kind', () => {
    const s = settings({ aliases: { smart: { models: ['claude/fake', 'local/big'] }, summary: { kind: 'summarize', strategy: 'cheapest' } } });
    const smart = decide(context(s), ask({ model: 'smart' }));
    assert.deepEqual(smart.selection.ordered.map((c) => c.model.ref), ['claude/fake', 'local/big']);
    assert.ok(smart.reasons.includes('model "smart" (llmRouter.aliases)'), smart.reasons.join('\n'));
    const summary = decide(context(s), ask({ kind: undefined, model: 'summary', prompt: 'how does the retry loop work?' }));
    assert.equal(summary.classification.kind, 'summarize');
    assert.ok(summary.reasons.includes('model "summary" (llmRouter.aliases): strategy cheapest, kind summarize'), summary.reasons.join('\n'));
  });

  it('refuses an unknown logical model with -32602 on `model`, listing the names that exist', () => {
    const s = settings({ aliases: { smart: { models: ['claude/fake'] } } });
    assert.throws(
      () => decide(context(s), ask({ model: 'clever' })),
      (e: unknown) =>
        e instanceof RouterError &&
        e.code === ErrorCodes.InvalidParams &&
        e.message === 'Unknown model "clever": expected "providerId/modelId" or one of auto, cheap, fast, best, smart' &&
        (e.data as { path: string }).path === 'model',
    );
  });
});

describe('decide: what a request needs', () => {
  const tools = [{ name: 'read_file', parameters: { type: 'object' } }];

  it('refuses with 1003 a request with tools forced onto a model that does not call tools, naming it and the setting', () => {
    assert.throws(
      () => decide(context(), ask({ model: 'local/tiny', prompt: undefined, messages: [{ role: 'user', content: 'read a.ts' }], tools })),
      (e: unknown) =>
        e instanceof RouterError &&
        e.code === ErrorCodes.NoCandidates &&
        e.message ===
          'The requested model local/tiny cannot take this request: it needs tool calling (no tool calling, its settings say "tools": false: ' +
            'set "capabilities": { "tools": true } on llmRouter.providers[0].models[0] if it does).',
    );
  });

  it('lists a model that cannot take the request among the route candidates, unavailable with the reason, and never as a fallback', () => {
    const d = decide(context(), ask({ prompt: undefined, messages: [{ role: 'user', content: 'read a.ts' }], tools }));
    const route = toRouteResult(d);
    assert.ok(!route.fallbacks.includes('local/tiny') && route.model !== 'local/tiny');
    const tiny = route.candidates.find((c) => c.model === 'local/tiny');
    assert.match(tiny?.unavailable ?? '', /^cannot take this request: no tool calling/);
  });
});

describe('decide: agent loops', () => {
  const task = 'Refactor the payment module to remove the race condition between the retry loop and the webhook handler, keeping the public API';
  const start: ConversationMessage[] = [{ role: 'user', content: task }];
  const loop: ConversationMessage[] = [
    ...start,
    { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'read_file', arguments: '{"path":"pay.ts"}' }] },
    { role: 'tool', toolCallId: 'call_1', content: 'ok' },
  ];

  it('classifies a turn that carries tool results from the task, not from the short result, and says so', () => {
    const first = decide(context(), ask({ kind: undefined, prompt: undefined, messages: start }));
    const next = decide(context(), ask({ kind: undefined, prompt: undefined, messages: loop }));
    assert.equal(next.classification.kind, first.classification.kind);
    assert.equal(next.classification.difficultyScore, first.classification.difficultyScore);
    assert.ok(next.reasons.includes('continues a task after 1 tool result: classified from its last user message'), next.reasons.join('\n'));
    assert.ok(!first.reasons.some((r) => r.startsWith('continues a task')));
  });

  it('puts the model that made the tool calls first when the router remembers it', () => {
    const plain = decide(context(), ask({ prompt: undefined, messages: loop }));
    assert.equal(plain.selection.ordered[0].model.ref, 'claude/fake');
    const owners = new Map([['call_1', 'local/big']]);
    const d = decide({ ...context(), toolCallOwner: (id) => owners.get(id) }, ask({ prompt: undefined, messages: loop }));
    assert.deepEqual(d.selection.ordered.map((c) => c.model.ref), ['local/big', 'claude/fake']);
    assert.ok(d.reasons.includes('continues the tool loop started by local/big'), d.reasons.join('\n'));
  });
});

describe('decide: warnings', () => {
  it('says once that the chosen model has no known price, naming the setting to fix', () => {
    const s = settings({
      providers: [{ id: 'odd', type: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', models: [{ id: 'mystery-model-x', contextWindow: 32_000, quality: quality(0.8) }] }],
    });
    const catalog = buildCatalog(s.providers);
    const decision = decide({ ...context(s), models: catalog.models, catalogWarnings: catalog.warnings }, ask());
    const aboutPrice = decision.warnings.filter((w) => /price/i.test(w));
    assert.equal(aboutPrice.length, 1, aboutPrice.join('\n'));
    assert.match(aboutPrice[0], /llmRouter\.providers\[0\]\.models\[0\]\.inputUsdPerMTok\/outputUsdPerMTok/);
  });
});

describe('decide: the workspace budget and the all-workspaces budget', () => {
  const withBudget = (budget: Record<string, unknown>, spend: number, allSpend?: number): DecideContext => ({
    ...context(settings({ budget })),
    spend: { todayUsd: spend, monthUsd: spend },
    ...(allSpend === undefined ? {} : { allWorkspacesSpend: { todayUsd: allSpend, monthUsd: allSpend } }),
  });

  it('blocks with 1001 once all workspaces together spent their daily limit, naming that budget and its user setting', () => {
    const ctx = withBudget({ dailyUsd: 5, onExceed: 'block', allWorkspaces: { dailyUsd: 2 } }, 0.5, 2);
    assert.throws(
      () => decide(ctx, ask()),
      (e: unknown) =>
        e instanceof RouterError &&
        e.code === ErrorCodes.BudgetBlocked &&
        e.message === 'Budget exceeded: All-workspaces daily budget: $2.00 of $2.00 used (100%). Raise llmRouter.budget.allWorkspaces (user settings) or wait.' &&
        (e.data as { scope: string; budget: { dailyUsd: number } }).scope === 'all-workspaces' &&
        (e.data as { budget: { dailyUsd: number } }).budget.dailyUsd === 2,
    );
  });

  it('blocks by the all-workspaces budget\'s own onExceed even when the workspace says "warn" (a workspace cannot disarm it)', () => {
    const ctx = withBudget({ dailyUsd: 1, onExceed: 'warn', allWorkspaces: { dailyUsd: 2, onExceed: 'block' } }, 1, 2);
    assert.throws(
      () => decide(ctx, ask()),
      (e: unknown) =>
        e instanceof RouterError &&
        e.message === 'Budget exceeded: Daily budget: $1.00 of $1.00 used (100%); All-workspaces daily budget: $2.00 of $2.00 used (100%). Raise llmRouter.budget.allWorkspaces (user settings) or wait.' &&
        (e.data as { scope: string }).scope === 'all-workspaces',
    );
  });

  it('only warns past the all-workspaces limit when its onExceed is "warn", even with the workspace\'s "block"', () => {
    const d = decide(withBudget({ dailyUsd: 5, onExceed: 'block', allWorkspaces: { dailyUsd: 2, onExceed: 'warn' } }, 1, 2), ask());
    assert.ok(d.warnings.includes('All-workspaces daily budget: $2.00 of $2.00 used (100%)'), d.warnings.join('\n'));
  });

  it('still blocks on the workspace budget when all workspaces are under theirs, naming the workspace budget', () => {
    const ctx = withBudget({ dailyUsd: 1, onExceed: 'block', allWorkspaces: { dailyUsd: 10 } }, 1, 1);
    assert.throws(() => decide(ctx, ask()), (e: unknown) => e instanceof RouterError && e.message === 'Budget exceeded: Daily budget: $1.00 of $1.00 used (100%). Raise llmRouter.budget or wait.');
  });

  it('downgrades to the cheapest model when only the all-workspaces budget is spent, and says which budget', () => {
    const d = decide(withBudget({ onExceed: 'downgrade', allWorkspaces: { dailyUsd: 2 } }, 0, 2), ask({ model: 'best' }));
    assert.equal(d.selection.ordered[0].model.ref, 'local/tiny');
    assert.ok(d.reasons.includes('over budget (all workspaces): downgraded to the cheapest model that fits the request'), d.reasons.join('\n'));
    assert.ok(d.warnings.includes('All-workspaces daily budget: $2.00 of $2.00 used (100%)'), d.warnings.join('\n'));
  });

  it('warns with the all-workspaces sentence and routes as usual under onExceed "warn"', () => {
    const d = decide(withBudget({ onExceed: 'warn', allWorkspaces: { monthlyUsd: 10 } }, 0, 9), ask());
    assert.ok(d.warnings.includes('All-workspaces monthly budget: $9.00 of $10.00 used (90%)'), d.warnings.join('\n'));
    assert.ok(!d.reasons.some((r) => r.startsWith('over budget')));
  });
});

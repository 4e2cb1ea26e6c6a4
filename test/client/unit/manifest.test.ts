// package.json must describe every field of shared/settings.ts (the schema the server
// validates with), protect the settings that decide where keys go, and keep the command ids
// and titles the end-to-end tests rely on.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { defaultSettings, providerSchema, settingsSchema } from '../../../shared/settings';
import { SETUP_STEPS } from '../../../client/src/setup/setupSteps';
import { defOf, schemaGaps, unwrap, type JsonSchema } from './manifestSchema';

interface Manifest {
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
  contributes: {
    commands: { command: string; title: string; category: string }[];
    configuration: { properties: Record<string, JsonSchema> }[];
    walkthroughs: { id: string; steps: { id: string; description: string; media: { markdown: string }; completionEvents: string[] }[] }[];
  };
}

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as Manifest;
const declared: Record<string, JsonSchema> = Object.assign({}, ...manifest.contributes.configuration.map((c) => c.properties));

/** Settings are declared at the first level of the zod object tree that package.json names. */
function declaredSettings(schema: z.ZodType, path: string[]): { path: string[]; schema: z.ZodType }[] {
  if (declared[['llmRouter', ...path].join('.')]) return [{ path, schema }];
  const def = defOf(unwrap(schema));
  if (def.type !== 'object' || path.length > 3) return [{ path, schema }];
  return Object.entries(def.shape ?? {}).flatMap(([key, inner]) => declaredSettings(inner, [...path, key]));
}

const settings = declaredSettings(settingsSchema, []);
const valueAt = (path: string[]) => path.reduce<unknown>((value, key) => (value as Record<string, unknown>)?.[key], defaultSettings);

describe('package.json settings', () => {
  it('declare every field of shared/settings.ts with a matching JSON schema', () => {
    const gaps = settings.flatMap(({ path, schema }) => schemaGaps(schema, declared[['llmRouter', ...path].join('.')], ['llmRouter', ...path].join('.')));
    assert.deepEqual(gaps, []);
  });

  it('declare nothing that shared/settings.ts does not know', () => {
    const known = new Set(settings.map(({ path }) => ['llmRouter', ...path].join('.')));
    assert.deepEqual(Object.keys(declared).filter((key) => !known.has(key)), []);
  });

  it('have the same defaults as the server, with null standing for "not set"', () => {
    for (const { path } of settings) {
      const key = ['llmRouter', ...path].join('.');
      assert.deepEqual(declared[key]?.default, valueAt(path) ?? null, key);
    }
  });

  it('each have a description, and every enum a description per value', () => {
    for (const [key, schema] of Object.entries(declared)) {
      assert.ok(schema.description ?? schema.markdownDescription, `${key} has no description`);
      if (schema.enum) assert.equal(schema.enumDescriptions?.length, schema.enum.length, `${key} enumDescriptions`);
    }
  });

  it('let only user settings choose providers, so a cloned repository cannot redirect keys', () => {
    assert.equal(declared['llmRouter.providers']?.scope, 'application');
  });

  it('let only user settings choose the team gateway, so a cloned repository cannot send prompts and the token elsewhere', () => {
    assert.equal(declared['llmRouter.team.gatewayUrl']?.scope, 'application');
  });

  it('let only user settings set the all-workspaces budget, so a workspace cannot raise it', () => {
    const allWorkspaces = Object.keys(declared).filter((key) => key.startsWith('llmRouter.budget.allWorkspaces.'));
    assert.deepEqual(allWorkspaces.sort(), [
      'llmRouter.budget.allWorkspaces.dailyUsd', 'llmRouter.budget.allWorkspaces.monthlyUsd',
      'llmRouter.budget.allWorkspaces.onExceed', 'llmRouter.budget.allWorkspaces.warnAtPercent',
    ]);
    for (const key of allWorkspaces) assert.equal(declared[key]?.scope, 'application', key);
  });

  it('ignore workspace values of every other setting in Restricted Mode', () => {
    const { supported, restrictedConfigurations } = manifest.capabilities.untrustedWorkspaces;
    assert.equal(supported, 'limited');
    const others = Object.keys(declared).filter((key) => declared[key]?.scope !== 'application');
    assert.deepEqual([...restrictedConfigurations].sort(), others.sort());
  });
});

describe('package.json commands', () => {
  it('are the palette commands of the issue, with their exact titles, under "LLM Router"', () => {
    assert.deepEqual(manifest.contributes.commands.map((c) => [c.command, c.title, c.category]), [
      ['llmRouter.explainSelection', 'Explain Selection', 'LLM Router'],
      ['llmRouter.summarize', 'Summarize', 'LLM Router'],
      ['llmRouter.ask', 'Ask…', 'LLM Router'],
      ['llmRouter.askWithModel', 'Ask with Model…', 'LLM Router'],
      ['llmRouter.refactorSelection', 'Refactor Selection…', 'LLM Router'],
      ['llmRouter.completeAtCursor', 'Complete at Cursor', 'LLM Router'],
      ['llmRouter.showDashboard', 'Show Dashboard', 'LLM Router'],
      ['llmRouter.setApiKey', 'Set API Key…', 'LLM Router'],
      ['llmRouter.addProvider', 'Add Provider…', 'LLM Router'],
      ['llmRouter.editProvider', 'Edit Provider…', 'LLM Router'],
      ['llmRouter.removeProvider', 'Remove Provider…', 'LLM Router'],
      ['llmRouter.exportUsage', 'Export Usage…', 'LLM Router'],
      ['llmRouter.showLog', 'Show Log', 'LLM Router'],
      ['llmRouter.checkProviders', 'Check Providers', 'LLM Router'],
      ['llmRouter.startGateway', 'Start Gateway', 'LLM Router'],
      ['llmRouter.stopGateway', 'Stop Gateway', 'LLM Router'],
      ['llmRouter.copyGatewayConfiguration', 'Copy Gateway Configuration…', 'LLM Router'],
      ['llmRouter.connectTeamGateway', 'Connect to Team Gateway…', 'LLM Router'],
      ['llmRouter.disconnectTeamGateway', 'Disconnect from Team Gateway', 'LLM Router'],
      ['llmRouter.restartServer', 'Restart Server', 'LLM Router'],
    ]);
  });

  it('activate on startup so the spend is in the status bar from the start, to bring back a dashboard left open, and when a restored report asks for its text', () => {
    // VS Code asks for a virtual document's provider through onFileSystem:<scheme> and retries once
    // it is activated: without it a provider check's preview restored before startup finished stays blank.
    assert.deepEqual(manifest.activationEvents, ['onStartupFinished', 'onWebviewPanel:llmRouter.dashboard', 'onFileSystem:llm-router-report']);
  });
});

describe('package.json walkthrough', () => {
  const [walkthrough] = manifest.contributes.walkthroughs;
  const ours = new Set(manifest.contributes.commands.map((c) => c.command));

  it('has a Getting Started walkthrough whose every step has its Markdown page in the package (media/)', () => {
    assert.equal(walkthrough.id, 'gettingStarted');
    for (const step of walkthrough.steps) {
      assert.match(step.media.markdown, /^media\//, `${step.id}: media/ is what the .vsix ships`);
      assert.ok(existsSync(join(__dirname, '../../..', step.media.markdown)), `${step.id}: ${step.media.markdown} is missing`);
    }
  });

  it('links and completes its steps only with commands the extension contributes (or VS Code’s own settings)', () => {
    for (const step of walkthrough.steps) {
      const linked = [...step.description.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]);
      const completing = step.completionEvents.filter((e) => e.startsWith('onCommand:')).map((e) => e.slice('onCommand:'.length));
      for (const command of [...linked, ...completing]) {
        assert.ok(ours.has(command) || command === 'workbench.action.openSettings', `${step.id}: unknown command ${command}`);
      }
      for (const event of step.completionEvents.filter((e) => e.startsWith('onSettingChanged:'))) {
        assert.ok(declared[event.slice('onSettingChanged:'.length)], `${step.id}: unknown setting in ${event}`);
      }
    }
  });

  it('ticks a step only on success: a context key the extension sets when it worked, not the command being run', () => {
    const successKeys = new Set<string>(Object.values(SETUP_STEPS));
    const byStep = Object.fromEntries(walkthrough.steps.map((step) => [step.id, step.completionEvents]));
    for (const id of ['providers', 'keys', 'check', 'try']) {
      assert.equal(byStep[id].length, 1, id);
      assert.match(byStep[id][0], /^onContext:/, `${id}: ${byStep[id][0]}`);
      assert.ok(successKeys.has(byStep[id][0].slice('onContext:'.length)), `${id}: ${byStep[id][0]} is not a key the extension sets`);
    }
  });
});

describe('package.json snippets for hand-editors', () => {
  const properties = Object.assign({}, ...manifest.contributes.configuration.map((c) => c.properties)) as Record<string, {
    items?: { defaultSnippets?: { label: string; body: { id: string; type: string } }[] };
    defaultSnippets?: { label: string; body: Record<string, unknown> }[];
  }>;

  it('offer OpenAI, Anthropic and Ollama provider entries that the settings schema accepts', () => {
    const snippets = properties['llmRouter.providers'].items?.defaultSnippets ?? [];
    assert.deepEqual(snippets.map((s) => s.label), ['OpenAI', 'Anthropic', 'Ollama']);
    for (const { body } of snippets) {
      // Snippet placeholders `${1:x}` become `x` when inserted.
      const inserted = JSON.parse(JSON.stringify(body).replace(/\$\{\d+:([^}]*)\}/g, '$1'));
      assert.equal(providerSchema.safeParse(inserted).success, true, JSON.stringify(inserted));
    }
  });

  it('offer routing rules', () => {
    assert.ok((properties['llmRouter.routing.rules'].defaultSnippets ?? []).length >= 2);
  });
});

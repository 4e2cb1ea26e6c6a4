// A fresh VS Code profile and workspace for one run: user settings that point LLM Router at
// the fake providers, and a temporary folder holding one small source file. A fresh profile
// means an empty ledger, so the spend shown in the status bar starts at zero.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// Prices are far above real ones on purpose: the fakes count a token per word, so a request
// costs a few hundred tokens, and real prices would round to $0.0000 in the status bar.
const PROVIDERS = {
  compatible: {
    id: 'fakeoai',
    models: [
      { id: 'gpt-4o-mini', inputUsdPerMTok: 15, outputUsdPerMTok: 60, contextWindow: 128_000 },
      { id: 'gpt-4o', inputUsdPerMTok: 250, outputUsdPerMTok: 1000, contextWindow: 128_000 },
    ],
  },
  anthropic: {
    id: 'fakeclaude',
    models: [{ id: 'claude-3-5-haiku', inputUsdPerMTok: 80, outputUsdPerMTok: 400, contextWindow: 200_000 }],
  },
};

/** Quiet, offline VS Code: no trust prompt, welcome page, telemetry, update or AI-chat UI. */
const WORKBENCH_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // Typed text must land exactly as typed when the driver edits a file.
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoIndent': 'none',
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'files.autoSave': 'off',
};

function userSettings(fakes) {
  return {
    ...WORKBENCH_SETTINGS,
    'llmRouter.providers': [
      {
        id: PROVIDERS.compatible.id,
        type: 'openai-compatible',
        baseUrl: fakes.openai,
        models: PROVIDERS.compatible.models,
      },
      {
        // No key in the environment: the only way it gets one is "Set API Key…" in the UI.
        id: PROVIDERS.anthropic.id,
        type: 'anthropic',
        baseUrl: fakes.anthropic,
        models: PROVIDERS.anthropic.models,
      },
    ],
    // Summaries go to the Anthropic provider once "Set API Key…" gave it a key, so that the
    // key typed in the UI is seen arriving at the fake (x-api-key) and nowhere else.
    'llmRouter.routing': { rules: { summarize: { model: `${PROVIDERS.anthropic.id}/${PROVIDERS.anthropic.models[0].id}` } } },
    'llmRouter.cache.enabled': true,
    // Ghost text would send requests on every keystroke and make the ledger count unpredictable.
    'llmRouter.inlineCompletions.enabled': false,
  };
}

const SOURCE_FILE = 'src/shapes.ts';
const SOURCE_TEXT = `// Geometry helpers for the e2e workspace.
export function area(width: number, height: number): number {
  return width * height;
}

export function perimeter(width: number, height: number): number {
  return 2 * (width + height);
}
`;

/** A new temporary folder holding the one small source file. */
function createWorkspace() {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-router-e2e-ws-'));
  fs.mkdirSync(path.join(workspace, path.dirname(SOURCE_FILE)), { recursive: true });
  fs.writeFileSync(path.join(workspace, SOURCE_FILE), SOURCE_TEXT);
  return workspace;
}

/** A new user's settings: the quiet workbench and nothing of LLM Router's. */
function emptyUserSettings() {
  return { ...WORKBENCH_SETTINGS, 'llmRouter.inlineCompletions.enabled': false };
}

/**
 * Creates `<runDir>/data` (user data, with settings.json) and `<runDir>/exts` (extensions);
 * returns their paths and where the extension's global storage (and so the ledger) will be.
 * `empty`: a new user's profile, no provider configured; `extensionsDir`: share one (the
 * extension is installed once).
 */
function createProfile(runDir, fakes, { empty = false, extensionsDir = path.join(runDir, 'exts') } = {}) {
  const userDataDir = path.join(runDir, 'data');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  const settings = empty ? emptyUserSettings() : userSettings(fakes);
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  return {
    userDataDir,
    extensionsDir,
    // VS Code keeps an extension's globalStorageUri here, named publisher.name in lower case.
    globalStorage: path.join(userDataDir, 'User', 'globalStorage', 'llm-router.llm-router'),
  };
}

/** Merges `changes` into the profile's user settings; a key set to undefined is removed. */
function updateUserSettings(profile, changes) {
  const file = path.join(profile.userDataDir, 'User', 'settings.json');
  const settings = JSON.parse(fs.readFileSync(file, 'utf8'));
  // Written whole under another name, then renamed over: VS Code watches the file, and a read
  // between writeFileSync's truncation and its write sees no user settings at all, so settings it
  // reloads for ("security.workspace.trust.enabled", "workbench.enableExperiments") seem to
  // change. Its "requires a reload" dialog blocked every later step of one run (right after this
  // was called beside the extension's own write of the file), likely this way.
  const next = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(next, JSON.stringify({ ...settings, ...changes }, null, 2));
  fs.renameSync(next, file);
}

/**
 * The chat phase's settings: VS Code's AI features (the Chat view, language models) on, which
 * the UI flow keeps off so that no chat UI gets in its way, and palette answers in the Chat view.
 */
const CHAT_SETTINGS = { 'chat.disableAIFeatures': false, 'llmRouter.answerIn': 'chat' };

module.exports = { CHAT_SETTINGS, createProfile, createWorkspace, PROVIDERS, SOURCE_FILE, SOURCE_TEXT, updateUserSettings };

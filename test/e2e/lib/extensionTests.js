// Runs the extension's own mocha suite inside code-server's extension host: what
// @vscode/test-electron does with --extensionDevelopmentPath/--extensionTestsPath, offline.
// code-server must run with `--vscode-option enable-smoke-test-driver` (start.sh does), so that
// the page URL's ?payload= is honoured; the host's exit code comes back through
// window.codeAutomationExit and its console through window.codeAutomationLog.
'use strict';
const fs = require('node:fs');
const util = require('node:util');

// code-server's remote authority is literally "remote".
const remote = (absolutePath) => `vscode-remote://remote${absolutePath}`;

// mocha's spec reporter indents its lines; the workbench's own console chatter is not
// indented, except for its stack traces.
const MOCHA_LINE = /^\s{2,}\S|^Error\b|\d+ (passing|failing|pending)/;
const STACK_LINE = /^\s+at\s/;

/**
 * Opens `folder` in a new page with the extension loaded from `extensionPath` and its tests
 * from `testsEntry` (exports run(): Promise<void>). Everything the page logs goes to `logFile`;
 * mocha's report is echoed. Resolves to `{ code, passing, failing }`, code 'timeout' if it hung.
 */
async function runExtensionTests(browser, { baseUrl, extensionPath, testsEntry, folder, logFile, env = {}, timeoutMs = 300_000 }) {
  const page = await browser.newPage();
  // The gateway suite copies its configuration to the clipboard and reads it back.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseUrl).origin });
  const counts = { passing: 0, failing: 0 };
  try {
    let done;
    const exited = new Promise((resolve) => (done = resolve));
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const text = util.format(...(args || []));
      fs.appendFileSync(logFile, `${text}\n`);
      for (const line of text.split('\n')) {
        if (MOCHA_LINE.test(line) && !STACK_LINE.test(line)) console.log(`  [extension host] ${line}`);
        const summary = /(\d+) (passing|failing)/.exec(line);
        if (summary) counts[summary[2]] = Number(summary[1]);
      }
    });
    await page.exposeFunction('codeAutomationExit', (code) => done(code));
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(extensionPath)],
      ['extensionTestsPath', remote(testsEntry)],
      ['skipWelcome', 'true'],
      ['extensionEnvironment', JSON.stringify(env)],
    ]);
    await page.goto(`${baseUrl}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`);
    const timer = setTimeout(() => done('timeout'), timeoutMs);
    const code = await exited;
    clearTimeout(timer);
    return { code, ...counts };
  } finally {
    await page.close().catch(() => {});
  }
}

module.exports = { runExtensionTests };

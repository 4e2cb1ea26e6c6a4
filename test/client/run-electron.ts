// Runs the extension's own suite (out/test/client/index.js) under @vscode/test-electron,
// on machines that can download VS Code. Offline (as in CI here) the same suite runs in
// code-server through test/e2e/run.sh instead.
//   npm run build && node --import tsx test/client/run-electron.ts
import { resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = resolve(__dirname, '../..');
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: resolve(root, 'out/test/client/index.js'),
    launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error: unknown) => {
  console.error(`extension tests under @vscode/test-electron failed: ${String(error)}`);
  process.exit(1);
});

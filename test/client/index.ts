// Entry of the extension's own mocha suite, run inside a real VS Code extension host
// (`--extensionTestsPath=out/test/client/index.js`, bundled by esbuild.js). The suites are
// bundled into this file, so they are imported after mocha has set up its `suite`/`test` globals.
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000 });
  mocha.suite.emit('pre-require', globalThis, 'out/test/client/index.js', mocha);
  await import('./suite/activation.test');
  await import('./suite/answers.test');
  await import('./suite/askWithModel.test');
  await import('./suite/editing.test');
  await import('./suite/usage.test');
  await import('./suite/gateway.test');
  await import('./suite/providers.test');
  await import('./suite/setup.test');
  await import('./suite/inline.test');
  await import('./suite/languageModels.test');
  await import('./suite/restart.test');
  await import('./suite/team.test');
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}

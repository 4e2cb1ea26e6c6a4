// Bundles the client (dist/extension.js, loaded by VS Code) and the router server
// (dist/server.js, a separate process) into single CommonJS files.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  // node:sqlite is a Node builtin newer than some esbuild builtin lists: never bundle it.
  external: ['vscode', 'node:sqlite'],
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js' },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
];

(async () => {
  const present = builds.filter((b) => require('fs').existsSync(b.entryPoints[0]));
  if (watch) {
    for (const b of present) await (await esbuild.context(b)).watch();
  } else {
    await Promise.all(present.map((b) => esbuild.build(b)));
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});

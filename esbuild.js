// Bundles the client (dist/extension.js, loaded by VS Code) and the router server
// (dist/server.js, a separate process, with the libraries it loads on demand beside it)
// into CommonJS files.
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
  // pg-native is pg's optional libpq binding, required only if asked for (we never do).
  external: ['vscode', 'node:sqlite', 'pg-native'],
};

// Libraries the server loads only when first needed (providers/*/load-sdk.ts) are built
// into files of their own next to dist/server.js: bundled inline, their source would be
// held in memory by every server from the start, routed or not.
const SERVER_VENDOR = {
  openai: 'server-openai.js',
  '@anthropic-ai/sdk': 'server-anthropic.js',
};
// The tokenizer's ranks ship as a binary file (server/src/text/bpe/rank-file.ts): the
// package's 2.7 MB array literal is only read from source, never bundled.
const O200K_RANKS = 'gpt-tokenizer/bpeRanks/o200k_base';
const O200K_RANK_FILE = 'dist/server-o200k.ranks';

/** Makes the server bundle require each vendor library from its own file, at run time. */
const vendorAsFiles = {
  name: 'server-vendor-files',
  setup(build) {
    const names = Object.keys(SERVER_VENDOR).map((n) => n.replace(/[/@-]/g, (c) => `\\${c}`));
    build.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => ({ path: `./${SERVER_VENDOR[args.path]}`, external: true }));
    build.onResolve({ filter: /^gpt-tokenizer\/bpeRanks\// }, (args) => ({ path: args.path, external: true }));
  },
};

/** "BPE1", u32 count, u32 offsets[count + 1], the token bytes: what rank-file.ts reads. */
function writeRankFile(file) {
  const ranks = require(O200K_RANKS).default;
  const pieces = ranks.map((token) => (typeof token === 'string' ? Buffer.from(token, 'utf8') : Buffer.from(token)));
  const header = Buffer.alloc(8 + 4 * (pieces.length + 1));
  header.write('BPE1', 0, 'latin1');
  header.writeUInt32LE(pieces.length, 4);
  let offset = 0;
  pieces.forEach((piece, i) => {
    header.writeUInt32LE(offset, 8 + 4 * i);
    offset += piece.length;
  });
  header.writeUInt32LE(offset, 8 + 4 * pieces.length);
  require('fs').mkdirSync(require('path').dirname(file), { recursive: true });
  require('fs').writeFileSync(file, Buffer.concat([header, ...pieces]));
}

const serverMinify = production ? { minify: false, minifyWhitespace: true, minifySyntax: true } : {};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js' },
  {
    ...common,
    entryPoints: ['server/src/server.ts'],
    outfile: 'dist/server.js',
    // Mangled identifiers cost the server ~45 MB more resident memory at start (malloc'd
    // by V8 outside the JS heap; measured 137 vs 88 MB idle), and one server runs behind
    // every editor window: shrink whitespace and syntax only.
    ...serverMinify,
    plugins: [vendorAsFiles],
  },
  ...Object.entries(SERVER_VENDOR).map(([name, file]) => ({
    ...common,
    ...serverMinify,
    stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: __dirname, loader: 'js' },
    outfile: `dist/${file}`,
  })),
  // Webview scripts run in the browser page of a VS Code webview (loaded under a strict CSP).
  {
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: ['client/webview/answer.ts', 'client/webview/dashboard.ts'],
    outdir: 'dist/webview',
  },
  // The extension's own mocha suite, run inside a real extension host (`run()` export).
  // mocha stays external: it is loaded from the repository's node_modules at test time.
  {
    ...common,
    sourcemap: true,
    minify: false,
    entryPoints: ['test/client/index.ts'],
    outfile: 'out/test/client/index.js',
    external: [...common.external, 'mocha'],
  },
];

(async () => {
  const present = builds.filter((b) => b.stdin || require('fs').existsSync(b.entryPoints[0]));
  if (watch) {
    writeRankFile(O200K_RANK_FILE);
    for (const b of present) await (await esbuild.context(b)).watch();
  } else {
    await Promise.all(present.map((b) => esbuild.build(b)));
    writeRankFile(O200K_RANK_FILE);
    if (production) for (const file of ['server.js', ...Object.values(SERVER_VENDOR)]) refuseIfNotAscii(`dist/${file}`);
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});

// One non-ASCII character (esbuild escapes them in strings, not in regex literals) makes V8
// hold the whole server source as a two-byte string: ~6 MB more in every editor window and
// gateway replica. The production build (which `npm run package`, and so the end-to-end suite
// in `npm test`, runs) fails on one, so it cannot slip in unnoticed.
function refuseIfNotAscii(file) {
  const text = require('fs').readFileSync(file, 'latin1');
  const at = text.search(/[^\x00-\x7f]/);
  if (at === -1) return;
  console.error(`error: ${file} is not ASCII near "${text.slice(Math.max(0, at - 40), at + 10)}": write the character as a \\u escape`);
  process.exitCode = 1;
}

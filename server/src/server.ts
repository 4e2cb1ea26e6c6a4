// Entry point of dist/server.js. Two modes share the Router and nothing else:
//   --http [HOST:]PORT   the OpenAI-compatible HTTP gateway (server/src/gateway/)
//   anything else        the JSON-RPC/LSP server editors talk to (lsp-main.ts)
// The modes are loaded lazily so HTTP mode never creates the LSP connection (which
// would claim stdin/stdout).
if (process.argv.includes('--http')) {
  void import('./gateway/main').then((gateway) => gateway.main(process.argv.slice(2)));
} else {
  void import('./lsp-main');
}

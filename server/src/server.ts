// Entry point of dist/server.js. Two modes share the Router and nothing else:
//   --http [HOST:]PORT   the OpenAI-compatible HTTP gateway (server/src/gateway/)
//   admin ...            a team gateway's developers and limits (team/admin-main.ts)
//   anything else        the JSON-RPC/LSP server editors talk to (lsp-main.ts)
// The modes are loaded lazily so HTTP mode never creates the LSP connection (which
// would claim stdin/stdout).
if (process.argv[2] === 'admin') {
  void import('./team/admin-main').then((admin) => admin.adminMain(process.argv.slice(3)));
} else if (process.argv.includes('--http')) {
  void import('./gateway/main').then((gateway) => gateway.main(process.argv.slice(2)));
} else {
  void import('./lsp-main');
}

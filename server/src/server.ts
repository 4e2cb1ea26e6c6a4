// Entry point of dist/server.js. Two modes share the Router and nothing else:
//   --http [HOST:]PORT   the OpenAI-compatible HTTP gateway (server/src/gateway/)
//   anything else        the JSON-RPC/LSP server editors talk to (lsp-main.ts)
// The modes are loaded lazily so HTTP mode never creates the LSP connection (which
// would claim stdin/stdout).
import { setFlagsFromString } from 'node:v8';

// Heap sizing for a server that runs behind every editor window and as a gateway under
// load: young generation semi-spaces of 4 MB (V8's default grows them to 16) and an old
// generation that grows by 20% past what survived its last collection (V8's default can
// double it). Measured on the gateway under 64 clients: peak RSS 174 -> 138 MB with no
// measurable change in CPU per request (0.81 vs 0.85 ms, within the run-to-run noise);
// --optimize-for-size got to ~105 MB but cost 50% more CPU per request.
setFlagsFromString('--max-semi-space-size=4');
setFlagsFromString('--heap-growing-percent=20');

if (process.argv.includes('--http')) {
  void import('./gateway/main').then((gateway) => gateway.main(process.argv.slice(2)));
} else {
  void import('./lsp-main');
}

// Entry point of dist/server.js. Two modes share the Router and nothing else:
//   --http [HOST:]PORT   the OpenAI-compatible HTTP gateway (server/src/gateway/)
//   admin ...            a team gateway's developers and limits (team/admin-main.ts)
//   anything else        the JSON-RPC/LSP server editors talk to (lsp-main.ts)
// The modes are loaded lazily so HTTP mode never creates the LSP connection (which
// would claim stdin/stdout).
import { setFlagsFromString } from 'node:v8';

// The old generation grows by 20% past what survived its last collection, where V8's
// default can double it: a server that runs behind every editor window, or as a gateway
// under load, keeps its garbage small. Measured on the gateway under 64 clients: peak RSS
// 174 -> 138 MB with no measurable change in CPU per request (0.81 vs 0.85 ms, within the
// run-to-run noise); --optimize-for-size got to ~105 MB but cost 50% more CPU per request.
// (The young generation's size cannot be changed once V8 is running: --max-semi-space-size
// only works on the node command line.)
setFlagsFromString('--heap-growing-percent=20');
// V8 optimises a function with TurboFan once it has run ~3,000 times; until then it runs as
// baseline code. Node's own HTTP and stream code and ours run about once per request, so a
// gateway served its first ~3,000 requests, and an editor's server most of its day, at the
// baseline tier: measured at 1 client, 1.03 ms added with TurboFan off, ~1.0 ms over the
// first 500 calls, 0.7 ms after 3,000. Optimising after 300 runs reaches that within ~600
// calls (cold added p50 -0.1 ms, bench/ab-gateway.ts no dearer under load); the compiles are
// on V8's background thread, and code that never runs 300 times is never compiled.
setFlagsFromString('--invocation-count-for-turbofan=300');

if (process.argv[2] === 'admin') {
  void import('./team/admin-main').then((admin) => admin.adminMain(process.argv.slice(3)));
} else if (process.argv.includes('--http')) {
  void import('./gateway/main').then((gateway) => gateway.main(process.argv.slice(2)));
} else {
  void import('./lsp-main');
}

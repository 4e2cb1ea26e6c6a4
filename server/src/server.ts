// Entry point of dist/server.js. Two modes share the Router and nothing else:
//   --http [HOST:]PORT   the OpenAI-compatible HTTP gateway (server/src/gateway/)
//   admin ...            a team gateway's developers and limits (team/admin-main.ts)
//   anything else        the JSON-RPC/LSP server editors talk to (lsp-main.ts)
// The modes are loaded lazily so HTTP mode never creates the LSP connection (which
// would claim stdin/stdout).
import { setFlagsFromString } from 'node:v8';
import { holdYoungGeneration } from './young-generation';
import { holdOptimisation } from './optimise-sooner';

// The old generation grows by 20% past what survived its last collection, where V8's
// default can double it: a server that runs behind every editor window, or as a gateway
// under load, keeps its garbage small. Measured on the gateway under 64 clients: peak RSS
// 174 -> 138 MB with no measurable change in CPU per request (0.81 vs 0.85 ms, within the
// run-to-run noise); --optimize-for-size got to ~105 MB but cost 50% more CPU per request.
setFlagsFromString('--heap-growing-percent=20');

const admin = process.argv[2] === 'admin';
// The servers (not the admin command, which runs once and exits): the young generation stays
// small while they start, then stops at 2 x 8 MB instead of V8's 2 x 16 MB
// (young-generation.ts), and no code is optimised before they are ready (optimise-sooner.ts).
if (!admin) {
  holdYoungGeneration();
  holdOptimisation();
}

if (admin) {
  void import('./team/admin-main').then((admin) => admin.adminMain(process.argv.slice(3)));
} else if (process.argv.includes('--http')) {
  void import('./gateway/main').then((gateway) => gateway.main(process.argv.slice(2)));
} else {
  void import('./lsp-main');
}

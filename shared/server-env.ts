// Environment variables the editor starts the router server with (client/src/server/startClient.ts;
// bench/gateway-vs-portkey.ts starts its stdio server the same way, to measure what editors run).
//
// glibc's malloc gives each thread that allocates at the same time as another an arena of its
// own, up to 8 per core, and keeps what each arena once held. V8's helper threads (the garbage
// collector's, the optimising compiler's) each got one: ~17 MB of the gateway's peak under 64
// clients sat in four such arenas. Two arenas: stdio server idle 69.8 -> 68.0 MB, its gateway's
// peak under load -5.5 MB, CPU per request the same (bench/ab-gateway.ts). Ignored by other C
// libraries (macOS, Windows, musl). A value the user set is kept.

/** What to add to the environment the server process inherits. */
export function serverEnvironment(inherited: Record<string, string | undefined>): Record<string, string> {
  return { MALLOC_ARENA_MAX: inherited.MALLOC_ARENA_MAX ?? '2' };
}

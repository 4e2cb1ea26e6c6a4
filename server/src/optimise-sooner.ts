// V8 optimises a function with TurboFan once it has run ~3,000 times; until then it runs as
// baseline code. Node's own HTTP and stream code and ours run about once per request, so a
// gateway served its first ~3,000 requests at the baseline tier, and an editor's server most
// of its day: measured at 1 client, 1.03 ms added with TurboFan off, ~1.0 ms over the first
// 500 calls, 0.7 ms after 3,000 (bench/warmup-curve.ts). Optimising after 300 runs gets there
// within ~600 calls: cold added p50 -0.13 to -0.22 ms JSON, -0.14 to -0.20 ms streamed, better
// in 35 of 36 fresh starts (bench/ab-cold.ts); no dearer under 64 clients (CPU per request
// 0.96x JSON, 0.97x streamed, bench/ab-gateway.ts), peak RSS there 2-4 MB higher (more of the
// code optimised). The compiles run on V8's background thread. (600 measured about as good as
// 300; 150 no better, its compiles crowding the first calls.)
// Set once the server is ready rather than at start: start-up code that runs 300 times
// (settings, schemas, the catalog) would be optimised too, for nothing: +2.5 MB idle.
import { setFlagsFromString } from 'node:v8';

let applied = false;

/** No optimised code until optimiseHotCodeSooner: start-up code runs once or a few hundred times. */
export function holdOptimisation(): void {
  if (!applied) setFlagsFromString('--no-turbofan');
}

/** From now on, code that runs 300 times is optimised (V8's default: ~3,000). Once per process. */
export function optimiseHotCodeSooner(): void {
  if (applied) return;
  applied = true;
  setFlagsFromString('--turbofan');
  setFlagsFromString('--invocation-count-for-turbofan=300');
}

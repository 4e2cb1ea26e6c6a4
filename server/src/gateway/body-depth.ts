// How deeply a JSON request body nests, read from its bytes before JSON.parse. Parsing deep
// nesting costs ~250 ns a level, a hundred times a normal byte: one 19 MB body of "[" held
// the gateway's event loop for 12 s, and every other request with it. Small bodies cannot
// nest deep enough to matter (64 KB: ~16 ms at worst) and are not scanned, so the usual
// request pays nothing; a larger one pays a pass that skips strings with memchr, ~1 us per
// KB (a tenth to a fifth of parsing it).

/** Bodies up to this size are parsed without a scan. */
export const DEPTH_SCAN_FROM_BYTES = 64 * 1024;
/** Far deeper than any real request: a tool schema may nest 100 levels (shared/json-depth.ts), plus the body around it. */
export const MAX_BODY_DEPTH = 200;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** True when `body`'s arrays and objects nest more than `limit` deep (brackets inside strings do not count). */
export function bodyNestsDeeperThan(body: Uint8Array, limit = MAX_BODY_DEPTH): boolean {
  let depth = 0;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (byte === QUOTE) {
      // To the string's closing quote: the next one not escaped by an odd run of backslashes.
      for (;;) {
        i = body.indexOf(QUOTE, i + 1);
        if (i === -1) return false;
        let backslashes = 0;
        while (body[i - 1 - backslashes] === BACKSLASH) backslashes++;
        if (backslashes % 2 === 0) break;
      }
    } else if (byte === 0x5b || byte === 0x7b) {
      if (++depth > limit) return true;
    } else if (byte === 0x5d || byte === 0x7d) {
      depth--;
    }
  }
  return false;
}

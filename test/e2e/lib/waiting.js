// Playwright's timeout errors say which call timed out, not what the user was waiting to
// see; a failed check should say the latter.
'use strict';

/** Runs `fn`, turning a playwright timeout into "timed out waiting for <what>". */
async function waitingFor(what, fn) {
  try {
    return await fn();
  } catch (error) {
    if (error?.name === 'TimeoutError') throw new Error(`timed out waiting for ${what}`);
    throw error;
  }
}

/**
 * Polls `probe` (sync or async) every `intervalMs` until it returns something truthy, and
 * returns that; past `timeout` throws "timed out waiting for <what>". For conditions outside
 * the page (the fakes, the ledger, processes), where there is no DOM event to wait on.
 */
async function until(what, probe, timeout = 20_000, intervalMs = 100) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (${timeout} ms)`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

module.exports = { waitingFor, until };

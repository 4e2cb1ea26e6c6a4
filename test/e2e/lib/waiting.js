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

module.exports = { waitingFor };

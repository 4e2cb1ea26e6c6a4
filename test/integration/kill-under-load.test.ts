// The gateway killed with SIGKILL while requests stream in: every request a client got an
// answer for is in the ledger (recorded before the answer was released).
import assert from 'node:assert/strict';
import { answeredThenKilled } from '../chaos/scenarios';

describe('gateway killed under load (integration)', function () {
  this.timeout(30_000);

  it('has every answered request in the ledger after kill -9', async () => {
    const { answered, missing } = await answeredThenKilled(2_000, 6);
    assert.ok(answered.length > 0, 'some requests were answered before the kill');
    assert.deepEqual(missing, []);
  });
});

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { IdleDeadline } from '../../../../server/src/providers/common/idle-deadline';

describe('IdleDeadline', () => {
  it('runs onIdle once the time passes without a sign of life', async () => {
    const startedAt = performance.now();
    const firedAt = await new Promise<number>((resolve) => new IdleDeadline(40, () => resolve(performance.now())));
    assert.ok(firedAt - startedAt >= 39, `fired after ${firedAt - startedAt} ms`);
  });

  it('is pushed back by each sign of life, and runs once they stop, counted from the last one', async () => {
    let firedAt: number | undefined;
    const deadline = new IdleDeadline(300, () => (firedAt = performance.now()));
    let lastAlive = performance.now();
    for (let i = 0; i < 30; i++) {
      await sleep(20);
      deadline.alive();
      lastAlive = performance.now();
    }
    assert.equal(firedAt, undefined, 'fired while signs of life kept coming (~600 ms in all)');
    while (firedAt === undefined) await sleep(20);
    assert.ok(firedAt - lastAlive >= 299, `fired ${firedAt - lastAlive} ms after the last sign of life`);
  });

  it('never runs onIdle once cleared', async () => {
    let fired = false;
    new IdleDeadline(20, () => (fired = true)).clear();
    await sleep(80);
    assert.equal(fired, false);
  });
});

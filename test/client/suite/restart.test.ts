// The language client's error handler: restart a crashed server, but not forever.
import * as assert from 'node:assert/strict';
import { CloseAction, ErrorAction } from 'vscode-languageclient/node';
import { RestartingErrorHandler } from '../../../client/src/server/startClient';

suite('server restarts', () => {
  test('a crashed server is restarted five times within three minutes, then left stopped; the user is told each time', () => {
    let now = 0;
    const told: string[] = [];
    const handler = new RestartingErrorHandler(() => now, (stop, times) => told.push(`${stop} ${times}`));
    for (let crash = 0; crash < 5; crash++) {
      now += 10_000;
      const result = handler.closed();
      assert.equal(result.action, CloseAction.Restart, `crash ${crash + 1}`);
      assert.equal(result.handled, true, 'our own notice, not the language client\'s');
    }
    now += 10_000;
    const sixth = handler.closed();
    assert.equal(sixth.action, CloseAction.DoNotRestart);
    assert.equal(sixth.handled, true, 'shown with Restart Server as its first button');
    assert.match(sixth.message ?? '', /Show Log/);
    assert.match(sixth.message ?? '', /Restart Server/);
    assert.deepEqual(told, ['restarting 1', 'restarting 2', 'restarting 3', 'restarting 4', 'restarting 5', 'gave-up 6']);
  });

  test('crashes older than three minutes no longer count against the limit', () => {
    let now = 0;
    const handler = new RestartingErrorHandler(() => now);
    for (let crash = 0; crash < 5; crash++) handler.closed();
    now += 3 * 60 * 1000 + 1;
    assert.equal(handler.closed().action, CloseAction.Restart);
  });

  test('a few garbled messages keep the connection, a fourth in a row shuts it down', () => {
    const handler = new RestartingErrorHandler();
    assert.equal(handler.error(new Error('bad frame'), undefined, 3).action, ErrorAction.Continue);
    assert.equal(handler.error(new Error('bad frame'), undefined, 4).action, ErrorAction.Shutdown);
  });
});

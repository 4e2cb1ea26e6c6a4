import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PORT_HOLD_MS, PortHolds } from '../../../server/src/gateway/port-hold';

describe('PortHolds: a restarting window\'s note that its gateway port is held', () => {
  let folder: string;
  let now: number;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'llm-router-holds-'));
    now = 1_000_000;
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const holds = () => new PortHolds(() => folder, () => now);

  it('holds a port, seen by another window of the profile, until the hold expires', () => {
    assert.equal(holds().hold(8787), true);
    const other = holds();
    assert.equal(other.isHeld(8787), true);
    assert.equal(other.isHeld(8788), false, 'only the port held');
    now += PORT_HOLD_MS - 1;
    assert.equal(other.isHeld(8787), true);
    now += 1;
    assert.equal(other.isHeld(8787), false, 'a restart that never came back holds the port no longer');
  });

  it('lets the port go once the restarted gateway serves it again', () => {
    holds().hold(8787);
    holds().release(8787);
    assert.equal(holds().isHeld(8787), false);
  });

  it('holds nothing before the storage folder is known, or where the note cannot be written', () => {
    assert.equal(new PortHolds(() => undefined).hold(8787), false);
    assert.equal(new PortHolds(() => undefined).isHeld(8787), false);
    const missing = new PortHolds(() => join(folder, 'gone', 'deeper'));
    assert.equal(missing.hold(8787), false);
    assert.equal(missing.isHeld(8787), false);
  });
});

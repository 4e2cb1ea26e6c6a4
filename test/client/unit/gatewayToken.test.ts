// The gateway token of a profile whose windows start at the same moment. VS Code's SecretStorage
// is one store per profile, but each window reads its own copy, which hears of another window's
// write a little later: `WindowSecrets` below is that, with the delay made long. The lock and the
// marker are the real files in a temporary folder.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GATEWAY_TOKEN_SECRET, TOKEN_MARKER_FILE, gatewayToken } from '../../../client/src/gateway/gatewayToken';
import { withProfileLock } from '../../../client/src/gateway/profileLock';

/** One window's view of the profile's secrets: its own writes at once, other windows' after `delayMs`. */
class WindowSecrets {
  private readonly view = new Map<string, string>();
  constructor(private readonly profile: Set<WindowSecrets>, private readonly delayMs: number) {
    profile.add(this);
  }
  async get(key: string): Promise<string | undefined> {
    return this.view.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    this.view.set(key, value);
    for (const other of this.profile) if (other !== this) setTimeout(() => other.view.set(key, value), this.delayMs);
  }
}

describe('gatewayToken: one token for every window of a profile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'llm-router-token-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives two windows starting at the same moment, neither with a token yet, the same token', async () => {
    const profile = new Set<WindowSecrets>();
    const [first, second] = [new WindowSecrets(profile, 300), new WindowSecrets(profile, 300)];
    const [a, b] = await Promise.all([gatewayToken(first, dir), gatewayToken(second, dir)]);
    assert.equal(a, b, 'both windows hand out one token');
    await new Promise((resolve) => setTimeout(resolve, 350));
    assert.equal(await first.get(GATEWAY_TOKEN_SECRET), a, 'and it is the one stored');
    assert.equal(await second.get(GATEWAY_TOKEN_SECRET), a);
  });

  it('has a window that does not see the new token yet wait for it instead of making a second', async () => {
    const profile = new Set<WindowSecrets>();
    const [first, second] = [new WindowSecrets(profile, 400), new WindowSecrets(profile, 400)];
    const made = await gatewayToken(first, dir);
    assert.equal(await second.get(GATEWAY_TOKEN_SECRET), undefined, 'the second window has not heard of it yet');
    assert.equal(await gatewayToken(second, dir), made);
  });

  it('keeps a token stored before markers existed, and marks it with its digest, never the token itself', async () => {
    const profile = new Set<WindowSecrets>();
    const window = new WindowSecrets(profile, 0);
    const old = `llmr-${'x'.repeat(43)}`;
    await window.store(GATEWAY_TOKEN_SECRET, old);
    assert.equal(await gatewayToken(window, dir), old);
    const marker = readFileSync(join(dir, TOKEN_MARKER_FILE), 'utf8');
    assert.match(marker, /^[0-9a-f]{64}\n$/);
    assert.ok(!marker.includes(old));
    assert.deepEqual(readdirSync(dir).sort(), [TOKEN_MARKER_FILE], 'no lock or temporary file left behind');
  });

  it('makes a new token when the marked one is gone from the secrets for good (deleted), after waiting for it', async function () {
    this.timeout(10_000);
    const profile = new Set<WindowSecrets>();
    const before = await gatewayToken(new WindowSecrets(profile, 0), dir);
    const elsewhere = new WindowSecrets(new Set(), 0); // a profile whose secrets lost it
    const after = await gatewayToken(elsewhere, dir);
    assert.notEqual(after, before);
    assert.equal(await gatewayToken(elsewhere, dir), after, 'and keeps it from then on');
  });
});

describe('withProfileLock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'llm-router-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs one holder at a time', async () => {
    const lock = join(dir, 'lock');
    let inside = 0;
    let most = 0;
    const work = async () => {
      most = Math.max(most, ++inside);
      await new Promise((resolve) => setTimeout(resolve, 30));
      inside--;
    };
    await Promise.all(Array.from({ length: 5 }, () => withProfileLock(lock, work)));
    assert.equal(most, 1);
  });

  it('breaks a lock a crashed window left behind', async () => {
    const lock = join(dir, 'lock');
    mkdirSync(lock);
    const longAgo = (Date.now() - 60_000) / 1000;
    utimesSync(lock, longAgo, longAgo);
    assert.equal(await withProfileLock(lock, async () => 'ran'), 'ran');
  });
});

// The gateway's token lives in SecretStorage (the OS keychain), so it survives restarts
// and agents configured once keep working. Generated on first use: 32 random bytes.
//
// Every window of a profile shares that SecretStorage, and two windows starting at the same
// moment must not each make a token: the second would hold its own gateway on another port,
// and whichever token was stored last would give an agent set up from the other window 401s
// after the next restart. So the token is made once under a lock shared by the profile's
// windows, and a marker next to the ledger holds its sha256 (never the token): a window whose
// view of SecretStorage has not caught up yet with another window's new token (VS Code passes
// such writes between windows asynchronously) sees from the marker that one exists, and waits
// for it instead of making a second.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { withProfileLock } from './profileLock';

export const GATEWAY_TOKEN_SECRET = 'llmRouter.gatewayToken';
/** In the profile's global storage folder: the sha256 of the token every window uses. */
export const TOKEN_MARKER_FILE = 'gateway-token.sha256';
const LOCK_DIR = 'gateway-token.lock';
/** How long a window waits for the token the marker names to reach its view of SecretStorage. */
const ADOPT_WAIT_MS = 5_000;
const ADOPT_POLL_MS = 50;

type Secrets = Pick<vscode.SecretStorage, 'get' | 'store'>;

/**
 * The profile's gateway token, made if there is none yet. `profileDir` is the extension's
 * global storage folder (shared by every window of the profile).
 */
export async function gatewayToken(secrets: Secrets, profileDir: string): Promise<string> {
  const stored = valid(await secrets.get(GATEWAY_TOKEN_SECRET));
  const marker = await readMarker(profileDir);
  if (stored !== undefined && marker === digest(stored)) return stored;
  await mkdir(profileDir, { recursive: true });
  return withProfileLock(join(profileDir, LOCK_DIR), () => settleToken(secrets, profileDir));
}

/** Under the lock: the token the marker names once this window sees it, else the stored one, else a new one. */
async function settleToken(secrets: Secrets, profileDir: string): Promise<string> {
  const deadline = Date.now() + ADOPT_WAIT_MS;
  for (;;) {
    const stored = valid(await secrets.get(GATEWAY_TOKEN_SECRET));
    const marker = await readMarker(profileDir);
    if (stored !== undefined && (marker === undefined || marker === digest(stored))) {
      // A token from before markers existed (or one whose marker was lost) is kept: agents use it.
      if (marker === undefined) await writeMarker(profileDir, stored);
      return stored;
    }
    // Another window made a token this one does not see yet: wait for it rather than make a second.
    if (marker === undefined || Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, ADOPT_POLL_MS));
  }
  // None at all, or the marked one never arrived (its secret was deleted): keep what is stored, else make one.
  const token = valid(await secrets.get(GATEWAY_TOKEN_SECRET)) ?? newToken();
  await secrets.store(GATEWAY_TOKEN_SECRET, token);
  await writeMarker(profileDir, token);
  return token;
}

/** 43 URL-safe characters: fine in a header, a shell variable, YAML or JSON without quoting. */
export function newToken(): string {
  return `llmr-${randomBytes(32).toString('base64url')}`;
}

function valid(token: string | undefined): string | undefined {
  return token !== undefined && token.length >= 32 ? token : undefined;
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

async function readMarker(profileDir: string): Promise<string | undefined> {
  try {
    return (await readFile(join(profileDir, TOKEN_MARKER_FILE), 'utf8')).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Written whole (a temporary file renamed over it), so a reader never sees half a digest. */
async function writeMarker(profileDir: string, token: string): Promise<void> {
  const path = join(profileDir, TOKEN_MARKER_FILE);
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(temporary, `${digest(token)}\n`, { mode: 0o600 });
  await rename(temporary, path);
}

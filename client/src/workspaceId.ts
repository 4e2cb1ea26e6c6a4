// The ledger keys spend by workspace. The id must stay the same across sessions of the
// same folder yet reveal nothing about its path, hence a short hash of the folder URI.
import { createHash } from 'node:crypto';

export const NO_WORKSPACE_ID = 'no-workspace';

/** A 16-hex-digit sha256 prefix of the first workspace folder's URI, or `no-workspace`. */
export function workspaceIdFor(firstFolderUri: string | undefined): string {
  if (!firstFolderUri) return NO_WORKSPACE_ID;
  return createHash('sha256').update(firstFolderUri).digest('hex').slice(0, 16);
}

// The router server keeps its ledger in node:sqlite, unflagged from Node 22.13 on.
// Older extension hosts (VS Code < 1.101 ships Node 20) must run the server elsewhere.

export const MIN_SERVER_NODE = [22, 13] as const;

/** True when a Node version string such as `22.14.0` or `v20.18.1` can run the server. */
export function canRunServer(version: string): boolean {
  const match = /^v?(\d+)\.(\d+)/.exec(version.trim());
  if (!match) return false;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major > MIN_SERVER_NODE[0] || (major === MIN_SERVER_NODE[0] && minor >= MIN_SERVER_NODE[1]);
}

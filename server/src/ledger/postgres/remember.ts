// The figures a team gateway keeps to answer from while PostgreSQL does not answer (the last
// spend, usage and typical output read per workspace, developer and team) are bounded: a
// caller names its workspace in a header, so without a bound one developer's script could
// grow them without end.

/** How many entries each of those maps keeps. */
export const REMEMBERED_MAX = 10_000;

/** Sets `key` as the newest entry, dropping the oldest once there are more than `max`. */
export function remember<V>(map: Map<string, V>, key: string, value: V, max = REMEMBERED_MAX): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value!);
}

// aider's leaderboard files are a YAML list of flat `key: value` maps. Parsing just that
// shape keeps the build free of a YAML dependency; anything nested is not expected.

export type LeaderboardRecord = Record<string, string>;

const ITEM_LINE = /^(- | {2})([A-Za-z0-9_]+):[ \t]*(.*)$/;

function unquote(value: string): string {
  const trimmed = value.trim();
  const quoted = /^"(.*)"$/.exec(trimmed) ?? /^'(.*)'$/.exec(trimmed);
  return quoted ? quoted[1] : trimmed;
}

export function parseLeaderboardYaml(text: string): LeaderboardRecord[] {
  const records: LeaderboardRecord[] = [];
  let current: LeaderboardRecord | undefined;
  for (const line of text.split(/\r?\n/)) {
    const match = ITEM_LINE.exec(line);
    if (!match) continue;
    const [, indent, key, value] = match;
    if (indent === '- ' || !current) {
      current = {};
      records.push(current);
    }
    current[key] = unquote(value);
  }
  return records;
}

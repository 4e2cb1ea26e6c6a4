// Code as a Markdown fence that its own backticks cannot close. Pure.

export function fenced(code: string, languageId = ''): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${languageId}\n${code.replace(/\n$/, '')}\n${fence}`;
}

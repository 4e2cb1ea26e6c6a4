// The line under the dashboard's routing log when it shows only the latest requests: without
// it, a log of 100 rows in a workspace of thousands reads as the whole history. Pure, unit-tested.

/** Undefined when every request is listed. */
export function historyCaption(shown: number, total: number): string | undefined {
  if (shown >= total) return undefined;
  return `The latest ${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} requests; Export Usage… has every one.`;
}

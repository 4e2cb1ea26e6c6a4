// The line under the dashboard's routing log when it shows only the latest requests: without
// it, a log of 100 rows in a workspace of thousands reads as the whole history. Pure, unit-tested.

import { EXPORT_ROWS } from '../src/export/usageExport';

/** Undefined when every request is listed. */
export function historyCaption(shown: number, total: number): string | undefined {
  if (shown >= total) return undefined;
  const count = (n: number) => n.toLocaleString('en-US');
  const more = total <= EXPORT_ROWS ? 'Export Usage… writes every one' : `Export Usage… writes the latest ${count(EXPORT_ROWS)}`;
  return `The latest ${count(shown)} of ${count(total)} requests; ${more}.`;
}

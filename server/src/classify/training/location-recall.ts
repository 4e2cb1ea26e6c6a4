// Per-kind recall split by where the request came from (over a selection or in
// the side chat): a model can look fine overall while one kind collapses in one
// place, e.g. every side-chat request read as a question.
import { KINDS, type Kind } from '../../../../shared/protocol';
import type { Location } from '../features';
import { accuracy, precisionRecall, type Outcome } from './metrics';

export interface LocatedOutcome extends Outcome {
  location: Location;
  request: string;
}

export interface LocationRecall {
  location: Location | 'all';
  rows: number;
  accuracy: number;
  /** Recall per kind; absent when the location has no row of that kind. */
  recall: Partial<Record<Kind, number>>;
}

export function recallByLocation(outcomes: readonly LocatedOutcome[]): LocationRecall[] {
  const groups: Array<[Location | 'all', readonly LocatedOutcome[]]> = [
    ['all', outcomes],
    ['inline', outcomes.filter((o) => o.location === 'inline')],
    ['panel', outcomes.filter((o) => o.location === 'panel')],
  ];
  return groups.map(([location, group]) => {
    const recall: Partial<Record<Kind, number>> = {};
    for (const kind of KINDS) {
      if (group.some((o) => o.expected === kind)) recall[kind] = precisionRecall(group, kind).recall;
    }
    return { location, rows: group.length, accuracy: accuracy(group), recall };
  });
}

export function formatLocationRecall(report: readonly LocationRecall[]): string {
  const percent = (value: number | undefined): string => (value === undefined ? '-' : `${(value * 100).toFixed(1)}%`);
  const header = 'where'.padEnd(16) + 'rows'.padStart(6) + 'accuracy'.padStart(10) + KINDS.map((k) => k.padStart(12)).join('');
  const label = { all: 'all', inline: 'with selection', panel: 'no selection' } as const;
  const lines = report.map(
    (r) =>
      label[r.location].padEnd(16) + String(r.rows).padStart(6) + percent(r.accuracy).padStart(10) +
      KINDS.map((k) => percent(r.recall[k]).padStart(12)).join(''),
  );
  return [header, ...lines].join('\n');
}

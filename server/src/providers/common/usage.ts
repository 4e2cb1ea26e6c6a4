// Token counts are billed money: only accept what the provider actually reported.
import { MalformedResponseError } from './sdk-failure';

export function tokenCount(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new MalformedResponseError(value === undefined || value === null ? `no ${field}` : `invalid ${field}`);
  }
  return value;
}

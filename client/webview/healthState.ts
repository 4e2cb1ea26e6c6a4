// The dashboard's word for a model's circuit breaker: what it means for the user's requests,
// not the breaker's own jargon ("closed" reads as "not working" to anyone who is not an engineer).
import type { ModelHealth } from '../../shared/protocol';

const WORDS: Record<ModelHealth['breaker'], string> = {
  closed: 'in use',
  open: 'paused after failures',
  'half-open': 'being tried again',
};

export function healthState(breaker: ModelHealth['breaker']): string {
  return WORDS[breaker];
}

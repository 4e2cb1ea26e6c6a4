// A request that was answered although a provider refused its key: the fallback hid the
// problem, and the router leaves a refused key unused until the keys change, so without a word
// the user would never learn that (say) their Anthropic key is wrong and every request goes
// elsewhere. Says it once per provider until its keys change. Pure, unit-tested; the
// extension shows the notice with a Set API Key… button for that provider.
import type { Attempt, ExecuteResult } from '../../../shared/protocol';
import { mentionsKeyProblem, providerOf } from './describeError';

export interface RefusedKeyNotice {
  providerId: string;
  message: string;
}

export class RefusedKeyNotices {
  private readonly told = new Set<string>();

  /** The notice this answer calls for, if a provider refused its key on the way and was not mentioned yet. */
  consider(result: Pick<ExecuteResult, 'model' | 'attempts'>): RefusedKeyNotice | undefined {
    const refused = result.attempts.filter((a) => !a.ok && a.error !== undefined && mentionsKeyProblem(a.error));
    const first = refused.find((a) => !this.told.has(providerOf(a)) && providerOf(a) !== providerOf(result));
    if (!first) return undefined;
    const providerId = providerOf(first);
    this.told.add(providerId);
    return { providerId, message: noticeText(providerId, first, result.model) };
  }

  /** New keys: a refusal after them is news again. */
  reset(): void {
    this.told.clear();
  }
}

function noticeText(providerId: string, attempt: Attempt, answeredBy: string): string {
  return `LLM Router: ${providerId} refused its API key (${attempt.model}: ${attempt.error}), so ${answeredBy} answered instead. ` +
    'A refused key stays unused until the keys change.';
}

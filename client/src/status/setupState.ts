// Whether the router can answer at all yet, from the server's own routing decision for a
// sample question (no provider is called). Pure (no vscode import) so it is unit-tested.
import { ErrorCodes, type RouteResult } from '../../../shared/protocol';

/** Why nothing can answer yet, or undefined when some model can be called. */
export function setupProblem(providerCount: number, route: RouteResult | undefined, error?: unknown): string | undefined {
  if (providerCount === 0) return 'No provider is set up yet.';
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (code === ErrorCodes.NoCandidates) return 'No configured model can take a request.';
  if (!route) return undefined; // the check itself failed (server restarting): say nothing rather than guess
  const candidates = route.candidates;
  if (candidates.length > 0 && candidates.every((c) => c.unavailable !== undefined)) {
    const noKey = [...new Set(candidates.filter((c) => /no API key/i.test(c.unavailable ?? '')).map((c) => c.model.split('/')[0]))];
    return noKey.length > 0 ? `No API key is stored for ${noKey.join(', ')}.` : 'No configured model can be called right now.';
  }
  return undefined;
}

/** The sample request the check routes: a plain question, which every model can take. */
export const SETUP_PROBE = { kind: 'ask' as const, prompt: 'Is the router set up?' };

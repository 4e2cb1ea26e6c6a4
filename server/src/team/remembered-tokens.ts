// Developer tokens that resolved, kept so a team keeps working while PostgreSQL is unreachable
// (each token is still resolved in PostgreSQL on every request while it answers, so a
// revocation applies at once). What the memory must not do is outlive a revocation: a token
// revoked by `admin revoke` and not used again before PostgreSQL went away would be accepted
// for the whole outage. So the remembered tokens are checked against PostgreSQL every
// SWEEP_EVERY_MS while it answers, and the revoked ones forgotten: a token revoked before an
// outage is refused during it unless the outage began within that interval.
import type { Principal, PrincipalResolver } from '../gateway/principal';
import { isUnanswered, LedgerUnreachable } from '../ledger/postgres/reachability';
import { hashToken, type DeveloperDirectory } from './developers';

export const SWEEP_EVERY_MS = 2_000;

export function principalsSurvivingOutages(directory: DeveloperDirectory, sweepEveryMs = SWEEP_EVERY_MS): PrincipalResolver {
  const known = new Map<string, Principal>();
  const sweep = setInterval(() => {
    if (known.size === 0) return;
    const asked = [...known.keys()];
    directory.liveAmong(asked).then(
      // Only the tokens it asked about: one that resolved meanwhile is not in `live`, and
      // forgetting it would refuse its developer for a whole outage beginning soon after.
      (live) => {
        for (const hash of asked) if (!live.has(hash)) known.delete(hash);
      },
      () => undefined, // unreachable: keep what is known, as requests do
    );
  }, sweepEveryMs);
  sweep.unref();
  return async (token) => {
    const key = hashToken(token);
    try {
      const principal = await directory.resolve(token);
      if (principal) known.set(key, principal);
      else known.delete(key);
      return principal;
    } catch (error) {
      const remembered = known.get(key);
      if (remembered) return remembered;
      // Neither known nor refusable: the caller is told to try again (503), not that the token is wrong.
      if (isUnanswered(error) && !(error instanceof LedgerUnreachable)) throw new LedgerUnreachable((error as Error).message || String(error));
      throw error;
    }
  };
}

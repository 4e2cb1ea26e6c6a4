// The memory of tokens that resolved, which keeps a team working while PostgreSQL is away. The
// directory is a stand-in here, so that a sweep can be held half-way (against PostgreSQL the
// moment cannot be chosen); the process-level tests run it against the real one.
import assert from 'node:assert/strict';
import { hashToken, type DeveloperDirectory } from '../../../server/src/team/developers';
import { principalsSurvivingOutages } from '../../../server/src/team/remembered-tokens';

const SWEEP_MS = 5;

/** A directory whose first sweep answers when `answerSweep` is called, and whose PostgreSQL goes away on `goAway`. */
function directory(tokens: Record<string, string>) {
  let away = false;
  let sweeps = 0;
  let asked: (hashes: string[]) => void = () => undefined;
  let answer: (live: Set<string>) => void = () => undefined;
  const firstSweep = new Promise<string[]>((resolve) => (asked = resolve));
  const stand: Pick<DeveloperDirectory, 'resolve' | 'liveAmong'> = {
    resolve: async (token) => {
      if (away) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      return tokens[token] === undefined ? undefined : { developer: tokens[token] };
    },
    liveAmong: (hashes) => {
      if (++sweeps > 1) return new Promise<Set<string>>(() => undefined); // later sweeps never answer
      asked(hashes);
      return new Promise<Set<string>>((resolve) => (answer = resolve));
    },
  };
  return { stand: stand as DeveloperDirectory, firstSweep, answerSweep: (live: Set<string>) => answer(live), goAway: () => (away = true) };
}

describe('principalsSurvivingOutages: tokens that resolved keep working while PostgreSQL is away', () => {
  it('keeps a token that resolved while a sweep was under way: the sweep forgets only revoked tokens among those it asked about', async () => {
    const dir = directory({ 'token-ana': 'ana', 'token-bo': 'bo' });
    const resolve = principalsSurvivingOutages(dir.stand, SWEEP_MS);
    assert.deepEqual(await resolve('token-ana'), { developer: 'ana' });
    const asked = await dir.firstSweep; // a sweep asks PostgreSQL about the tokens known so far
    assert.deepEqual(asked, [hashToken('token-ana')]);
    assert.deepEqual(await resolve('token-bo'), { developer: 'bo' }, 'bo resolves while the sweep is under way');
    dir.answerSweep(new Set([hashToken('token-ana')]));
    await new Promise((r) => setTimeout(r, SWEEP_MS * 4));
    dir.goAway();
    assert.deepEqual(await resolve('token-bo'), { developer: 'bo' }, 'remembered: the sweep did not ask about it');
    assert.deepEqual(await resolve('token-ana'), { developer: 'ana' });
  });
});

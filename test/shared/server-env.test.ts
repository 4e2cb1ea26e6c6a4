import * as assert from 'node:assert/strict';
import { serverEnvironment } from '../../shared/server-env';

describe('serverEnvironment', () => {
  it('limits glibc to two malloc arenas for the server process', () => {
    assert.deepEqual(serverEnvironment({ PATH: '/usr/bin' }), { MALLOC_ARENA_MAX: '2' });
  });

  it('keeps a MALLOC_ARENA_MAX the user set', () => {
    assert.deepEqual(serverEnvironment({ MALLOC_ARENA_MAX: '8' }), { MALLOC_ARENA_MAX: '8' });
  });
});

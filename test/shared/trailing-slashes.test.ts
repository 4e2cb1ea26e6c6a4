import assert from 'node:assert/strict';
import { withoutTrailingSlashes } from '../../shared/trailing-slashes';

describe('withoutTrailingSlashes', () => {
  it('drops the slashes a path or URL ends with, and only those', () => {
    assert.equal(withoutTrailingSlashes('/v1/models/'), '/v1/models');
    assert.equal(withoutTrailingSlashes('http://127.0.0.1:8787/v1///'), 'http://127.0.0.1:8787/v1');
    assert.equal(withoutTrailingSlashes('/v1//models'), '/v1//models');
    assert.equal(withoutTrailingSlashes('///'), '');
    assert.equal(withoutTrailingSlashes(''), '');
  });

  it('reads a 16 KB run of slashes that does not end the path in time of the order of one scan of it', () => {
    // Compared with a linear-time peer in the same run: /\/+$/ retried from every slash of
    // the run, ~85 ms for the 16 KB a request line may hold, against microseconds for a scan.
    const path = `${'/'.repeat(16_000)}x`;
    const time = (run: () => unknown) => {
      const started = performance.now();
      for (let i = 0; i < 20; i++) run();
      return performance.now() - started;
    };
    const scanMs = time(() => path.split('').reverse().join(''));
    const trimMs = time(() => withoutTrailingSlashes(path));
    assert.equal(withoutTrailingSlashes(path), path);
    assert.ok(trimMs < scanMs * 10, `trimming took ${trimMs.toFixed(2)} ms, a scan ${scanMs.toFixed(2)} ms`);
  });
});

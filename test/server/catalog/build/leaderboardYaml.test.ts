import assert from 'node:assert/strict';
import { parseLeaderboardYaml } from '../../../../server/src/catalog/build/leaderboardYaml';

describe('leaderboardYaml', () => {
  it('reads a list of flat maps, one per "- " item', () => {
    const text = '- dirname: a\n  model: gpt-4o\n  pass_rate_2: 18.2\n\n- dirname: b\n  model: o3\n';
    assert.deepEqual(parseLeaderboardYaml(text), [
      { dirname: 'a', model: 'gpt-4o', pass_rate_2: '18.2' },
      { dirname: 'b', model: 'o3' },
    ]);
  });

  it('unquotes quoted values and keeps "#" inside them', () => {
    const [record] = parseLeaderboardYaml('- command: "aider --model x # via y"\n');
    assert.equal(record.command, 'aider --model x # via y');
  });

  it('accepts Windows line endings', () => {
    const [record] = parseLeaderboardYaml('- dirname: a\r\n  model: m\r\n');
    assert.deepEqual(record, { dirname: 'a', model: 'm' });
  });
});

import assert from 'node:assert/strict';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../shared/json-depth';
import { executeParamsSchema } from '../../shared/params';

const nested = (depth: number): unknown => {
  let value: unknown = { type: 'string' };
  for (let i = 1; i < depth; i++) value = { type: 'object', properties: { a: value } };
  return value;
};

describe('nestsDeeperThan', () => {
  it('counts each object or array as one level, scalars as none', () => {
    assert.equal(nestsDeeperThan('text', 0), false);
    assert.equal(nestsDeeperThan({}, 0), true);
    assert.equal(nestsDeeperThan({}, 1), false);
    assert.equal(nestsDeeperThan([[1], { a: [] }], 2), true);
    assert.equal(nestsDeeperThan([[1], { a: 2 }], 2), false);
  });

  it(`takes a schema ${MAX_JSON_DEPTH} levels deep and refuses one level more`, () => {
    const levels = (n: number): unknown => (n === 0 ? 'leaf' : { a: levels(n - 1) });
    assert.equal(nestsDeeperThan(levels(MAX_JSON_DEPTH)), false);
    assert.equal(nestsDeeperThan(levels(MAX_JSON_DEPTH + 1)), true);
  });

  it('walks a value 100,000 levels deep without overflowing the stack', () => {
    let value: unknown = 1;
    for (let i = 0; i < 100_000; i++) value = [value];
    assert.equal(nestsDeeperThan(value, 200_000), false);
  });
});

describe('execute params: values sent on to providers as they are', () => {
  const base = { workspaceId: 'w', messages: [{ role: 'user', content: 'hi' }] };

  it("refuses a tool's argument schema nested past the limit, naming it", () => {
    const result = executeParamsSchema.safeParse({ ...base, tools: [{ name: 't', parameters: nested(100_000) }] });
    assert.equal(result.success, false);
    assert.deepEqual(result.error!.issues[0].path, ['tools', 0, 'parameters']);
    assert.match(result.error!.issues[0].message, /nested more than 100 levels deep/);
  });

  it('refuses a JSON output schema nested past the limit, naming it', () => {
    const result = executeParamsSchema.safeParse({ ...base, options: { responseFormat: { type: 'json_schema', name: 'x', schema: nested(100_000) } } });
    assert.equal(result.success, false);
    assert.deepEqual(result.error!.issues[0].path, ['options', 'responseFormat', 'schema']);
  });

  it('takes an ordinary tool schema', () => {
    assert.equal(executeParamsSchema.safeParse({ ...base, tools: [{ name: 't', parameters: nested(8) }] }).success, true);
  });
});

import assert from 'node:assert/strict';
import { samplingOptions, TOOL_MODE, toolChoice, toolDefinitions } from '../../../../client/src/lm/toolOptions';

const read = { name: 'read_file', description: 'Reads a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } } } };
const now = { name: 'now', description: '' };

describe('VS Code request options -> router tools and options', () => {
  it('maps tools to definitions, giving a schema-less tool an empty object schema', () => {
    assert.deepEqual(toolDefinitions([read, now]), [
      { name: 'read_file', description: 'Reads a file', parameters: read.inputSchema },
      { name: 'now', parameters: { type: 'object', properties: {} } },
    ]);
    assert.equal(toolDefinitions([]), undefined);
  });

  it('maps the tool mode: Auto to auto, Required to the one tool or to required, nothing without tools', () => {
    assert.equal(toolChoice(TOOL_MODE.auto, [read, now]), 'auto');
    assert.deepEqual(toolChoice(TOOL_MODE.required, [read]), { name: 'read_file' });
    assert.equal(toolChoice(TOOL_MODE.required, [read, now]), 'required');
    assert.equal(toolChoice(TOOL_MODE.required, undefined), undefined);
  });

  it('keeps the temperature and token cap a caller set, and ignores vendor options and out-of-range values', () => {
    assert.deepEqual(samplingOptions({ temperature: 0.3, max_tokens: 500.7, reasoning: 'high' }), { temperature: 0.3, maxTokens: 500 });
    assert.deepEqual(samplingOptions({ temperature: 5, maxTokens: 0 }), {});
    assert.deepEqual(samplingOptions(undefined), {});
  });
});

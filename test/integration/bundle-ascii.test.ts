// The server bundle must be plain ASCII: one non-ASCII character (esbuild escapes them in
// strings, not in regex literals) makes V8 hold the whole server source as a two-byte
// string, ~6 MB more in every editor window and every gateway replica. `npm run build`
// (run before these tests) bundles the same sources as the production build.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVER_JS } from './server-process';

describe('the server bundle', () => {
  for (const file of ['server.js', 'server-openai.js', 'server-anthropic.js']) {
    it(`dist/${file} holds only ASCII characters`, () => {
      const text = readFileSync(join(SERVER_JS, '..', file), 'latin1');
      const at = text.search(/[^\x00-\x7f]/);
      assert.equal(at, -1, `non-ASCII near "${text.slice(Math.max(0, at - 60), at + 10)}": write the character as a \\u escape`);
    });
  }
});

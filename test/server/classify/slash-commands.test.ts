import assert from 'node:assert/strict';
import { parseSlashCommand } from '../../../server/src/classify/slash-commands';

describe('parseSlashCommand', () => {
  it('maps Copilot-style commands to kinds: /explain, /fix, /tests, /doc, /newNotebook', () => {
    assert.equal(parseSlashCommand('/explain')?.kind, 'explain');
    assert.equal(parseSlashCommand('/fix this')?.kind, 'refactor');
    assert.equal(parseSlashCommand('/tests with vitest')?.kind, 'completion');
    assert.equal(parseSlashCommand('/doc')?.kind, 'summarize');
    assert.equal(parseSlashCommand('/newNotebook about sales')?.kind, 'ask');
  });

  it('ignores case, leading whitespace, dashes and underscores in the command', () => {
    assert.deepEqual(parseSlashCommand('  /Setup-Tests'), { typed: 'Setup-Tests', command: 'setuptests', kind: 'completion' });
  });

  it('reads a command one typo away from a known one of four or more letters', () => {
    assert.deepEqual(parseSlashCommand('/expain this'), { typed: 'expain', command: 'explain', kind: 'explain' });
    assert.equal(parseSlashCommand('/tsets')?.command, undefined);
    assert.equal(parseSlashCommand('/testz')?.command, 'tests');
  });

  it('does not guess short unknown commands, two-typo commands or commands not at the start', () => {
    assert.equal(parseSlashCommand('/fx'), undefined);
    assert.equal(parseSlashCommand('/exlpainn'), undefined);
    assert.equal(parseSlashCommand('please /explain'), undefined);
    assert.equal(parseSlashCommand('/'), undefined);
    assert.equal(parseSlashCommand('/usr/bin/env is missing'), undefined);
  });
});

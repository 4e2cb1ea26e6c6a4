// A journal left by a crash mid-append ends in a cut line without its newline, and a damaged
// one may hold a line that parses but is no request. A process that takes such a journal over
// (a restarted replica in a container often has the same pid, so the same file) must keep
// every entry it appends afterwards, and must not hand the bad line on to be replayed.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Journal, journalId, type JournalEntry } from '../../../server/src/ledger/journal';
import { aRecord, makeTempDir, removeDir } from './helpers';

const DIR = 'pending-test';

describe('ledger journal left half-written by a crash', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = makeTempDir();
    file = path.join(dir, DIR, `${process.pid}.jsonl`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
  });
  afterEach(() => removeDir(dir));

  const entry = (costUsd: number): JournalEntry => ({ id: journalId(), record: aRecord({ costUsd }) });
  const line = (e: JournalEntry) => `${JSON.stringify(e)}\n`;

  it('keeps the entries appended after a cut last line, which used to be glued to it and lost', () => {
    const before = entry(0.1);
    fs.writeFileSync(file, line(before) + line(entry(0.2)).slice(0, 40));
    const taken = new Journal(dir, DIR);
    assert.deepEqual(taken.adoptOrphans().map((e) => e.id), [before.id]);
    const after = entry(0.3);
    taken.append(after, true);
    taken.close();

    const reread = new Journal(dir, DIR).adoptOrphans();
    assert.deepEqual(reread.map((e) => e.id), [before.id, after.id]);
  });

  it('keeps the first entry appended to a journal that holds only a cut line', () => {
    fs.writeFileSync(file, line(entry(0.2)).slice(0, 25));
    const taken = new Journal(dir, DIR);
    assert.deepEqual(taken.adoptOrphans(), []);
    const after = entry(0.3);
    taken.append(after, true);
    taken.close();
    assert.deepEqual(new Journal(dir, DIR).adoptOrphans().map((e) => e.id), [after.id]);
  });

  it('leaves out a line that parses but holds no request', () => {
    const good = entry(0.1);
    fs.writeFileSync(file, `${line(good)}{"id":5}\n[1,2]\nnull\n{"id":7,"record":{"workspaceId":"ws"}}\n`);
    assert.deepEqual(new Journal(dir, DIR).adoptOrphans().map((e) => e.id), [good.id]);
  });
});

// Requests recorded while another process holds the ledger's write lock. Waiting for the
// lock would stop the whole server (node:sqlite is synchronous) and, past the busy
// timeout, lose a request the provider already billed. Instead the record is appended
// to this process's journal file and fsynced, which makes it durable before the answer is
// released, and it is copied into the ledger as soon as the lock frees (or at the next
// start, by whichever process opens the ledger).
//
// Each entry carries the id its ledger row will have, so copying it twice (a crash after
// the ledger commit, before the journal is emptied) finds the row already there.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RequestRecord } from './types';

export interface JournalEntry {
  id: number;
  record: RequestRecord;
}

export const JOURNAL_DIR = 'ledger-pending';

export class Journal {
  private readonly file: string;
  private fd: number | undefined;

  /** `dirName`: the folder under `storageDir`; each ledger engine has its own, so one never replays the other's. */
  constructor(
    private readonly storageDir: string,
    private readonly dirName = JOURNAL_DIR,
  ) {
    this.file = path.join(storageDir, dirName, `${process.pid}.jsonl`);
  }

  /** Appends and fsyncs: when this returns, the entry survives a crash of the process or the machine. */
  append(entry: JournalEntry): void {
    if (this.fd === undefined) {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      this.fd = fs.openSync(this.file, 'a');
    }
    fs.writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    fs.fsyncSync(this.fd);
  }

  /** Every entry is in the ledger now. */
  clear(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
    fs.rmSync(this.file, { force: true });
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  /**
   * Leaves only `entries` in the journal (the ones not yet in the ledger): written to a new
   * file, fsynced, then renamed over the old one, so a crash leaves one or the other whole.
   * For a ledger written asynchronously, where requests arrive while earlier ones replay.
   */
  keepOnly(entries: readonly JournalEntry[]): void {
    if (entries.length === 0) return this.clear();
    this.close();
    const next = `${this.file}.next`;
    const fd = fs.openSync(next, 'w');
    try {
      fs.writeSync(fd, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(next, this.file);
  }

  /**
   * Takes over the journals of processes that are gone (and this process's own file, from
   * an earlier process with the same pid): their entries are appended to this journal and
   * returned, and their files removed. A live process's journal is its own to replay.
   */
  adoptOrphans(): JournalEntry[] {
    const dir = path.join(this.storageDir, this.dirName);
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return [];
    }
    const adopted: JournalEntry[] = [];
    for (const name of names) {
      const pid = Number(/^(\d+)\.jsonl$/.exec(name)?.[1]);
      if (!Number.isInteger(pid) || (pid !== process.pid && isAlive(pid))) continue;
      const file = path.join(dir, name);
      const entries = readEntries(file);
      if (pid !== process.pid) for (const entry of entries) this.append(entry);
      else if (entries.length > 0) this.fd = fs.openSync(file, 'a');
      if (pid !== process.pid) fs.rmSync(file, { force: true });
      adopted.push(...entries);
    }
    return adopted;
  }
}

/** An id far above any the ledger hands out itself, so journaled rows never collide with them in practice. */
export function journalId(): number {
  return 2 ** 52 + Math.floor(Math.random() * (2 ** 52 - 1));
}

function readEntries(file: string): JournalEntry[] {
  const entries: JournalEntry[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      entries.push(JSON.parse(line) as JournalEntry);
    } catch {
      // A line cut by a crash mid-append was never acknowledged: its answer was not released.
    }
  }
  return entries;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Requests recorded while another process holds the ledger's write lock. Waiting for the
// lock would stop the whole server (node:sqlite is synchronous) and, past the busy
// timeout, lose a request the provider already billed. Instead the record is appended
// to this process's journal file and fsynced, which makes it durable before the answer is
// released, and it is copied into the ledger as soon as the lock frees (or at the next
// start, by whichever process opens the ledger).
//
// Each entry carries a random id. The SQLite ledger notes the last one it copied from each
// journal file in the same transaction as the rows (journal_copied), so a file left by a
// crash between that commit and emptying the journal is not copied twice; PostgreSQL's
// ledger matches each record's own uid instead.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RequestRecord } from './types';
import { isProcessAlive } from './process-alive';

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

  /** The file's name, the same for whichever process adopts it. */
  get name(): string {
    return path.basename(this.file);
  }

  /**
   * Appends the entry: when this returns it survives a crash of the process, and with `fsync`
   * a crash of the machine too (the ledger's own commits are not fsynced: synchronous=NORMAL).
   */
  append(entry: JournalEntry, fsync: boolean): void {
    if (this.fd === undefined) {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      this.fd = openForAppend(this.file);
    }
    fs.writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    if (fsync) fs.fsyncSync(this.fd);
  }

  /**
   * Every entry is in the ledger now. An open journal is cut to nothing and stays open for
   * the next entries: removing the file and creating it again at the next append cost five
   * file system calls per group commit (at one client ~1% of what the gateway adds to a
   * call). A crash leaves an empty file, which the next open adopts as nothing.
   */
  clear(): void {
    if (this.fd !== undefined) fs.ftruncateSync(this.fd, 0);
    else fs.rmSync(this.file, { force: true });
  }

  /** Closes the file; an emptied journal is removed, so a clean stop leaves none behind. */
  close(): void {
    if (this.fd === undefined) return;
    const empty = fs.fstatSync(this.fd).size === 0;
    fs.closeSync(this.fd);
    this.fd = undefined;
    if (empty) fs.rmSync(this.file, { force: true });
  }

  /**
   * Leaves only `entries` in the journal (the ones not yet in the ledger): written to a new
   * file, fsynced, then renamed over the old one, so a crash leaves one or the other whole.
   * For a ledger written asynchronously, where requests arrive while earlier ones replay.
   */
  keepOnly(entries: readonly JournalEntry[]): void {
    this.close();
    if (entries.length === 0) {
      fs.rmSync(this.file, { force: true });
      return;
    }
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
   * `copiedThrough` names, per file, the last entry already in the ledger: it and the ones
   * before it are left out.
   */
  adoptOrphans(copiedThrough: (name: string) => number | undefined = () => undefined): JournalEntry[] {
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
      if (!Number.isInteger(pid) || (pid !== process.pid && isProcessAlive(pid))) continue;
      const file = path.join(dir, name);
      const entries = notCopied(readEntries(file), copiedThrough(name));
      if (pid !== process.pid) for (const entry of entries) this.append(entry, true);
      else if (entries.length > 0) this.fd = openForAppend(file);
      if (pid !== process.pid) fs.rmSync(file, { force: true });
      adopted.push(...entries);
    }
    return adopted;
  }
}

/**
 * Opens a journal to add lines to it. A file left by a crash mid-append ends in a cut line
 * without its newline: the newline is added first, or the next entry would be glued to the
 * cut one and lost with it when the journal is read (a restarted replica in a container often
 * gets the same pid, so the same file).
 */
function openForAppend(file: string): number {
  const fd = fs.openSync(file, 'a+');
  const size = fs.fstatSync(fd).size;
  if (size > 0) {
    const last = Buffer.alloc(1);
    fs.readSync(fd, last, 0, 1, size - 1);
    if (last[0] !== 0x0a) fs.writeSync(fd, '\n');
  }
  return fd;
}

function notCopied(entries: JournalEntry[], through: number | undefined): JournalEntry[] {
  const last = through === undefined ? -1 : entries.findIndex((entry) => entry.id === through);
  return entries.slice(last + 1);
}

/** Random, so entries of different processes and lifetimes never share an id in practice. */
export function journalId(): number {
  return 2 ** 52 + Math.floor(Math.random() * (2 ** 52 - 1));
}

function readEntries(file: string): JournalEntry[] {
  const entries: JournalEntry[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      // A line cut by a crash mid-append was never acknowledged: its answer was not released.
      continue;
    }
    // A line that parses but holds no request (a damaged file) would fail every replay after it.
    if (isEntry(entry)) entries.push(entry);
  }
  return entries;
}

function isEntry(value: unknown): value is JournalEntry {
  const entry = value as Partial<JournalEntry> | null;
  const record = entry?.record as Partial<JournalEntry['record']> | undefined;
  return (
    typeof entry === 'object' && entry !== null && typeof entry.id === 'number' &&
    typeof record === 'object' && record !== null && typeof record.workspaceId === 'string' &&
    typeof record.at === 'number' && Array.isArray(record.attempts) && Array.isArray(record.reasons)
  );
}

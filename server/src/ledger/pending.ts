// Requests that are durable in this process's journal (journal.ts) but not yet in the SQLite
// file: those recorded with Ledger.recordSoon, committed together within DEFERRED_COMMIT_MS,
// and those written while another process held the write lock, tried again every
// LOCK_RETRY_MS. They are copied in the order they were recorded, and before any request
// committed after them.
import { isBusy } from './database';
import { journalId, type Journal, type JournalEntry } from './journal';
import type { RequestRecord } from './types';

/** How long a request recorded with recordSoon() may wait in the journal before its commit. */
export const DEFERRED_COMMIT_MS = 20;

/** How often journaled requests are tried again while another process holds the lock. */
const LOCK_RETRY_MS = 250;

/** Writes the entries of the journal file named `journal` into the ledger in one transaction; throws SQLITE_BUSY while the lock is held. */
export type CopyIn = (journal: string, entries: readonly JournalEntry[]) => void;

export class PendingRequests {
  private entries: JournalEntry[] = [];
  private lockHeld = false;
  private timer: NodeJS.Timeout | undefined;

  /** `onCopied`: after each copy that emptied the journal. */
  constructor(
    private readonly journal: Journal,
    private readonly copy: CopyIn,
    private readonly onCopied: () => void,
  ) {}

  /** At open: what processes that are gone left in their journals, less what was copied already. */
  adopt(copiedThrough: (journal: string) => number | undefined): void {
    this.entries = this.journal.adoptOrphans(copiedThrough);
  }

  get count(): number {
    return this.entries.length;
  }

  /** The pending requests, oldest first (budgets count them before they are copied). */
  get records(): RequestRecord[] {
    return this.entries.map((entry) => entry.record);
  }

  /** Another process held the write lock at the last try: a commit now would wait it out. */
  get waitingForLock(): boolean {
    return this.lockHeld;
  }

  /**
   * Appends the request to the journal and returns its entry's id. `fsync` makes it survive
   * a crash of the machine too, for a request that may wait for the lock a long time.
   */
  add(request: RequestRecord, fsync: boolean): number {
    const entry = { id: journalId(), record: request };
    this.journal.append(entry, fsync);
    this.entries.push(entry);
    this.schedule(this.lockHeld || fsync ? LOCK_RETRY_MS : DEFERRED_COMMIT_MS);
    return entry.id;
  }

  /**
   * Copies every pending request in and empties the journal; false while another process
   * holds the lock (tried again later). Any other failure throws, the requests staying journaled.
   */
  copyIn(): boolean {
    if (this.entries.length === 0) return true;
    try {
      this.copy(this.journal.name, this.entries);
    } catch (error) {
      if (!isBusy(error)) throw error;
      this.lockHeld = true;
      this.schedule(LOCK_RETRY_MS);
      return false;
    }
    this.entries = [];
    this.lockHeld = false;
    this.journal.clear();
    clearTimeout(this.timer);
    this.timer = undefined;
    this.onCopied();
    return true;
  }

  /**
   * Copies them in before a read or a commit that must come after them. Not while the lock
   * was held at the last try (the timer waits for it: trying here would stall this request
   * for the busy timeout); a failure leaves them journaled for the timer.
   */
  copyInUnlessLocked(): void {
    if (this.entries.length === 0 || this.lockHeld) return;
    try {
      this.copyIn();
    } catch {
      this.schedule(LOCK_RETRY_MS);
    }
  }

  /** Copies what it can (the next open copies the rest) and closes the journal. */
  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    try {
      this.copyIn();
    } catch {
      // Still journaled: the next open copies them in.
    }
    this.journal.close();
  }

  private schedule(delayMs: number): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      try {
        this.copyIn();
      } catch {
        this.schedule(LOCK_RETRY_MS); // the requests are safe in the journal; try again
      }
    }, delayMs);
    this.timer.unref();
  }
}

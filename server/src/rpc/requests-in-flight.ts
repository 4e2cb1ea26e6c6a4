// The router/execute requests this server is running, so that a server told to stop (the
// editor's Restart Server, a window reloading or closing) can end them the way Cancel does,
// with what already streamed recorded at its cost, before it closes the ledger and exits.
// Without this the process exited mid-stream and the answer, already billed by the provider,
// was never recorded.

export class RequestsInFlight {
  private readonly running = new Map<AbortController, Promise<unknown>>();
  /** Set by stopAll: a request ending from now on was ended by the stop, not by its caller. */
  stopping = false;

  /** Runs `work` (which aborts on `abort`) as a request in flight until it settles. */
  async track<T>(abort: AbortController, work: Promise<T>): Promise<T> {
    this.running.set(abort, work);
    try {
      return await work;
    } finally {
      this.running.delete(abort);
    }
  }

  /**
   * Aborts every request in flight, as Cancel would, and waits until each has settled (so is
   * recorded), or `withinMs` passed. Resolves with how many were stopped.
   */
  async stopAll(withinMs: number): Promise<number> {
    this.stopping = true;
    const running = [...this.running];
    for (const [abort] of running) abort.abort();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, withinMs);
    });
    await Promise.race([Promise.allSettled(running.map(([, work]) => work)), late]);
    clearTimeout(timer);
    return running.length;
  }
}

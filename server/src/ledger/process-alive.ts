// Whether another process of this machine still runs: the journal and the shared budget
// reservations both leave behind what a gone process wrote, and only that.

/** Whether process `pid` runs (signal 0 checks without sending; one of another user answers EPERM: it runs). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

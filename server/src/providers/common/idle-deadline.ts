// A deadline that each sign of life pushes back: `onIdle` runs once `idleMs` pass without
// alive(). A stream calls alive() for every piece it reads, several times per event (the call's
// own deadline, the attempt's, the stall watch); refreshing a timer each time moved it within
// Node's timer lists and read the loop's clock through a binding. Here alive() only notes the
// time, and the timer, when it fires while life was seen meanwhile, is set again for what is left.

export class IdleDeadline {
  private lastAlive = performance.now();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly idleMs: number,
    private readonly onIdle: () => void,
  ) {
    this.timer = setTimeout(this.check, idleMs);
  }

  alive(): void {
    this.lastAlive = performance.now();
  }

  /** No onIdle from now on. */
  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private readonly check = (): void => {
    const idle = performance.now() - this.lastAlive;
    if (idle >= this.idleMs) {
      this.timer = undefined;
      this.onIdle();
    } else {
      this.timer = setTimeout(this.check, this.idleMs - idle);
    }
  };
}

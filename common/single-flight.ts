/**
 * One run at a time: a call while a run is under way joins it instead of starting a second one
 * (the flag outbox, the usage-signal batches, the live synonym fetch). A failed run is handed to
 * `onError` and never rethrown: these run off the agent's path, and the next trigger tries again.
 */
export class SingleFlight {
  private running: Promise<void> | null = null;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** A run is under way (a caller that changed its input meanwhile may ask the run to go round again). */
  get busy(): boolean {
    return this.running !== null;
  }

  /** The run under way, if any (settles, never rejects). */
  get current(): Promise<void> | null {
    return this.running;
  }

  /** Starts a run, or joins the one under way; settles when it ends. */
  run(): Promise<void> {
    this.running ??= this.work()
      .catch((error: unknown) => {
        this.onError(error);
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}

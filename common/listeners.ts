/** The listeners of one kind of change (settings, update state, waiting flags): add, remove, tell all. */
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  /** Adds `listener`; the function returned removes it. */
  add(listener: (value: T) => void): () => void {
    this.set.add(listener);
    return () => {
      this.set.delete(listener);
    };
  }

  emit(value: T): void {
    for (const listener of this.set) listener(value);
  }
}

/** A value others watch (the flags waiting to be sent): read it, be told when it changes. */
export class Watched<T> {
  private readonly listeners = new Listeners<T>();

  constructor(private current: T) {}

  get value(): T {
    return this.current;
  }

  /** Adds `listener`, told each new value; the function returned removes it. */
  onChange(listener: (value: T) => void): () => void {
    return this.listeners.add(listener);
  }

  /** Sets the value; listeners hear of it only when it differs. */
  set(value: T): void {
    if (Object.is(value, this.current)) return;
    this.current = value;
    this.listeners.emit(value);
  }
}

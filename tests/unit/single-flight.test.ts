import { describe, expect, it } from 'vitest';
import { Listeners } from '../../common/listeners';
import { SingleFlight } from '../../common/single-flight';

describe('SingleFlight', () => {
  it('joins a call made during a run, hands a failure to onError and runs again afterwards', async () => {
    let runs = 0;
    let release!: () => void;
    const errors: unknown[] = [];
    const flight = new SingleFlight(async () => {
      runs += 1;
      await new Promise<void>((resolve) => (release = resolve));
      if (runs === 1) throw new Error('offline');
    }, (error) => errors.push(error));
    const first = flight.run();
    const joined = flight.run();
    expect(joined).toBe(first);
    expect(flight.busy).toBe(true);
    expect(flight.current).toBe(first);
    release();
    await expect(first).resolves.toBeUndefined();
    expect(errors).toEqual([new Error('offline')]);
    expect(flight.busy).toBe(false);
    expect(flight.current).toBeNull();
    const second = flight.run();
    expect(second).not.toBe(first);
    release();
    await second;
    expect(runs).toBe(2);
    expect(errors).toHaveLength(1);
  });
});

describe('Listeners', () => {
  it('tells every listener added and none removed', () => {
    const listeners = new Listeners<number>();
    const a: number[] = [];
    const b: number[] = [];
    listeners.add((v) => a.push(v));
    const removeB = listeners.add((v) => b.push(v));
    listeners.emit(1);
    removeB();
    listeners.emit(2);
    expect(a).toEqual([1, 2]);
    expect(b).toEqual([1]);
  });
});

import { describe, expect, it } from 'vitest';
import { ServiceContainer, serviceId } from './services';

describe('the per-map service container', () => {
  const STORE = serviceId<{ n: number; destroy(): void; destroyed?: boolean }>('store');
  const CHANNEL = serviceId<{ heard: number[] }>('channel');

  it('finds a provided service by its id, and its cleanup destroys and removes it', () => {
    const c = new ServiceContainer();
    expect(c.get(STORE)).toBeUndefined();
    const store = {
      n: 1,
      destroyed: false,
      destroy() {
        this.destroyed = true;
      },
    };
    const stop = c.provide(STORE, store);
    expect(c.get(STORE)?.n).toBe(1);
    expect(() => c.provide(STORE, { n: 2, destroy() {} })).toThrow(/provided twice/);
    stop();
    expect(store.destroyed).toBe(true);
    expect(c.get(STORE)).toBeUndefined();
  });

  it('hands both ends of a channel the same service, per container', () => {
    const a = new ServiceContainer();
    const b = new ServiceContainer();
    a.getOrCreate(CHANNEL, () => ({ heard: [] })).heard.push(1);
    expect(a.getOrCreate(CHANNEL, () => ({ heard: [9] })).heard).toEqual([1]);
    expect(b.getOrCreate(CHANNEL, () => ({ heard: [] })).heard).toEqual([]);
  });
});

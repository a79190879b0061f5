import { describe, expect, it } from 'vitest';
import { ViewKeeper, type IdleDeadline, type ViewHost, type ViewSlot } from './view-keeper';

/** A host that knows which slot holds it. */
class Host implements ViewHost {
  in: Slot | null = null;
  constructor(readonly n: number) {}
  remove(): void {
    this.in?.children.delete(this);
    this.in = null;
  }
}

class Slot implements ViewSlot<Host> {
  readonly children = new Set<Host>();
  append(host: Host): void {
    host.remove();
    this.children.add(host);
    host.in = this;
  }
}

/** Idle slices the test runs itself, each with the time left it says. */
class FakeIdle {
  readonly waiting = new Map<number, (d: IdleDeadline) => void>();
  #n = 0;
  request = (cb: (d: IdleDeadline) => void): number => {
    this.waiting.set(++this.#n, cb);
    return this.#n;
  };
  cancel = (h: number): void => {
    this.waiting.delete(h);
  };
  /** Runs the slices waiting now, each with `ms` left. */
  run(ms = 50): void {
    const now = [...this.waiting];
    this.waiting.clear();
    for (const [, cb] of now) cb({ timeRemaining: () => ms });
  }
}

function setup(opts: { keep?: (id: string) => boolean } = {}) {
  const mounts: string[] = [];
  const unmounts: string[] = [];
  let hosts = 0;
  const idle = new FakeIdle();
  const keeper = new ViewKeeper<Host>({
    createHost: () => new Host(++hosts),
    mount: (id) => {
      mounts.push(id);
      return () => unmounts.push(id);
    },
    ...(opts.keep ? { keepAlive: opts.keep } : {}),
    idle,
  });
  return { keeper, mounts, unmounts, idle, slot: new Slot() };
}

describe('ViewKeeper', () => {
  it('mounts a view once: showing it again moves the same host back in', () => {
    const { keeper, mounts, unmounts, slot } = setup();
    const loops = keeper.show('loops', slot);
    const leverage = keeper.show('leverage', slot);
    expect([...slot.children]).toEqual([leverage]);
    expect(loops.in).toBeNull();
    expect(keeper.show('loops', slot)).toBe(loops);
    expect([...slot.children]).toEqual([loops]);
    expect(mounts).toEqual(['loops', 'leverage']);
    expect(unmounts).toEqual([]);
    expect(keeper.shown).toBe('loops');
  });

  it('hiding takes the view out of the slot and keeps it mounted', () => {
    const { keeper, mounts, slot } = setup();
    const outline = keeper.show('outline', slot);
    keeper.hide();
    expect(slot.children.size).toBe(0);
    expect(keeper.shown).toBeNull();
    expect(keeper.show('outline', slot)).toBe(outline);
    expect(mounts).toEqual(['outline']);
  });

  it('unmounts a view that is not kept as soon as another shows, and builds it afresh', () => {
    const { keeper, mounts, unmounts, slot } = setup({ keep: (id) => id !== 'history' });
    const first = keeper.show('history', slot);
    keeper.show('outline', slot);
    expect(unmounts).toEqual(['history']);
    expect(keeper.mounted).toEqual(['outline']);
    expect(keeper.show('history', slot)).not.toBe(first);
    expect(mounts).toEqual(['history', 'outline', 'history']);
  });

  it('pre-mounts in idle time, one view per slice, in order, skipping mounted and unkept ones', () => {
    const { keeper, mounts, idle, slot } = setup({ keep: (id) => id !== 'history' });
    keeper.show('outline', slot);
    keeper.premount(['outline', 'loops', 'history', 'leverage']);
    expect(mounts).toEqual(['outline']);
    idle.run();
    expect(mounts).toEqual(['outline', 'loops']);
    idle.run();
    expect(mounts).toEqual(['outline', 'loops', 'leverage']);
    expect(idle.waiting.size).toBe(0);
    // Pre-mounted views stay out of the slot until shown.
    expect([...slot.children].length).toBe(1);
    expect(keeper.mounted).toEqual(['outline', 'loops', 'leverage']);
  });

  it('a slice with too little time left mounts nothing and waits for the next', () => {
    const { keeper, mounts, idle } = setup();
    keeper.premount(['loops']);
    idle.run(2);
    expect(mounts).toEqual([]);
    expect(idle.waiting.size).toBe(1);
    idle.run(40);
    expect(mounts).toEqual(['loops']);
  });

  it('a view opened before its idle slice is not mounted twice', () => {
    const { keeper, mounts, idle, slot } = setup();
    keeper.premount(['loops', 'leverage']);
    keeper.show('leverage', slot);
    idle.run();
    idle.run();
    expect(mounts).toEqual(['leverage', 'loops']);
    expect(idle.waiting.size).toBe(0);
  });

  it('destroy unmounts every view and cancels pre-mounting', () => {
    const { keeper, unmounts, idle, slot } = setup();
    keeper.show('outline', slot);
    keeper.premount(['loops', 'leverage']);
    idle.run();
    keeper.destroy();
    expect(unmounts.sort()).toEqual(['loops', 'outline']);
    expect(slot.children.size).toBe(0);
    expect(idle.waiting.size).toBe(0);
    expect(() => keeper.show('outline', slot)).toThrow(/destroyed/);
  });
});

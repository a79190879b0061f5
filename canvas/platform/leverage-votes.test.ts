import { describe, expect, it } from 'vitest';
import { leverageVotesOf } from './leverage-votes';
import { ServiceContainer } from './services';

describe('the leverage votes channel', () => {
  it('hands the revealed totals of one map to whoever listens, once per change', () => {
    const mapA = new ServiceContainer();
    const mapB = new ServiceContainer();
    const heard: number[] = [];
    const stop = leverageVotesOf(mapA).subscribe((t) => heard.push(t.get('trust') ?? 0));
    expect(heard).toEqual([0]); // the current totals at once
    leverageVotesOf(mapA).publish(new Map([['trust', 4]]));
    leverageVotesOf(mapA).publish(new Map([['trust', 4]])); // the same: nothing new
    leverageVotesOf(mapB).publish(new Map([['trust', 9]])); // another map
    expect(heard).toEqual([0, 4]);
    stop();
    leverageVotesOf(mapA).publish(new Map([['trust', 5]]));
    expect(heard).toEqual([0, 4]);
    expect(leverageVotesOf(mapA).totals.get('trust')).toBe(5);
  });
});

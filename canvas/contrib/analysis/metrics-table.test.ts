import { describe, expect, it } from 'vitest';
import type { ActorMetrics } from '../../../shared/analysis/index';
import {
  formatMetric,
  labelKey,
  nextSort,
  orderKey,
  sortActors,
  sortOrders,
} from './metrics-table';

const actor = (id: string, label: string, more: Partial<ActorMetrics> = {}): ActorMetrics => ({
  id,
  label,
  degree: 0,
  inDegree: 0,
  outDegree: 0,
  betweenness: 0,
  closeness: 0,
  eigenvector: 0,
  cluster: 0,
  constraint: null,
  effectiveSize: null,
  isolate: false,
  ...more,
});

const people = [
  actor('a', 'Ana', { degree: 3, betweenness: 0.5, constraint: 0.4 }),
  actor('b', 'Ben', { degree: 1, betweenness: 0, constraint: 1 }),
  actor('c', 'Cy', { degree: 3, betweenness: 0.1, constraint: 0.6 }),
  actor('d', 'Dee', { isolate: true }),
];

describe('metrics table', () => {
  it('sorts by a column, ties by label, and flips on a second click', () => {
    let sort = nextSort({ column: 'label', direction: 'ascending' }, 'degree');
    expect(sort).toEqual({ column: 'degree', direction: 'descending' });
    expect(sortActors(people, sort).map((a) => a.label)).toEqual(['Ana', 'Cy', 'Ben', 'Dee']);
    sort = nextSort(sort, 'degree');
    expect(sortActors(people, sort).map((a) => a.label)).toEqual(['Dee', 'Ben', 'Ana', 'Cy']);
  });

  it('starts constraint low first (brokers) and puts missing values last both ways', () => {
    let sort = nextSort({ column: 'degree', direction: 'descending' }, 'constraint');
    expect(sort.direction).toBe('ascending');
    expect(sortActors(people, sort).map((a) => a.label)).toEqual(['Ana', 'Cy', 'Ben', 'Dee']);
    sort = nextSort(sort, 'constraint');
    expect(sortActors(people, sort).map((a) => a.label)).toEqual(['Ben', 'Cy', 'Ana', 'Dee']);
  });

  it('sorts by label both ways', () => {
    const sort = { column: 'label', direction: 'descending' } as const;
    expect(sortActors(people, sort).map((a) => a.label)).toEqual(['Dee', 'Cy', 'Ben', 'Ana']);
  });

  it('formats metrics for reading', () => {
    expect(formatMetric(3)).toBe('3');
    expect(formatMetric(0.123456)).toBe('0.123');
    expect(formatMetric(null)).toBe('–');
  });

  it('orders labels as people read them: numbers by value, any case', () => {
    const labels = ['actor 10', 'Actor 9', 'Ännie', 'ben', 'Actor 009b'];
    expect([...labels].sort((a, b) => (labelKey(a) < labelKey(b) ? -1 : 1))).toEqual([
      'Actor 9',
      'Actor 009b',
      'actor 10',
      'Ännie',
      'ben',
    ]);
  });

  it('precomputes every order as indexes, the same as sorting', () => {
    const orders = sortOrders(people);
    for (const sort of [
      { column: 'degree', direction: 'descending' },
      { column: 'constraint', direction: 'ascending' },
      { column: 'label', direction: 'descending' },
    ] as const)
      expect([...orders[orderKey(sort)]!].map((i) => people[i]!.label)).toEqual(
        sortActors(people, sort).map((a) => a.label),
      );
    expect(Object.keys(orders)).toHaveLength(20);
  });
});

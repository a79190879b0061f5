import { afterAll, describe, expect, it } from 'vitest';
import { buildActorNetwork } from '../../../shared/analysis/actor-network';
import { analyzeMap, analyzeMapOn } from '../../../shared/analysis/analyze-map';
import { pathCentralities } from '../../../shared/analysis/centrality';
import { readMap } from '../../../shared/analysis/input';
import { pathCentralitiesOn } from '../../../shared/analysis/path-threads';
import { randomActorMap } from '../../../shared/analysis/random-maps';
import { NodePathThreads } from './node-path-threads';

describe('search threads in Node', () => {
  const pool = new NodePathThreads(2);
  afterAll(() => pool.close());

  it('compute the same betweenness and closeness as one thread', async () => {
    const net = buildActorNetwork(readMap(randomActorMap(800, 3, 21)));
    const one = pathCentralities(net.arcs);
    const two = await pathCentralitiesOn(pool.threads, net.arcs);
    expect([...two.betweenness]).toEqual([...one.betweenness]);
    expect([...two.closeness]).toEqual([...one.closeness]);
  });

  it('run the whole analysis of a big map, figure for figure', async () => {
    const map = randomActorMap(1600, 4, 22);
    const result = await analyzeMapOn(pool.threads, map);
    expect(result.pathThreads).toBe(2);
    const plain = analyzeMap(map);
    expect(result.network.actors).toEqual(plain.network.actors);
    expect(result.network.weaving).toEqual(plain.network.weaving);
  });

  it('fail over to this thread when a search thread has stopped', async () => {
    const broken = new NodePathThreads(1);
    await broken.close();
    await expect.poll(() => broken.working.length).toBe(0);
    const map = randomActorMap(1600, 4, 23);
    const result = await analyzeMapOn(broken.threads, map);
    expect(result.pathThreads).toBe(1);
    expect(result.network.actors).toEqual(analyzeMap(map).network.actors);
  });
});

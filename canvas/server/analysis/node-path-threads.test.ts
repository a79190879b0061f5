import { afterAll, describe, expect, it } from 'vitest';
import { buildActorNetwork } from '../../../shared/analysis/actor-network';
import { analyzeMap, analyzeMapOn } from '../../../shared/analysis/analyze-map';
import { pathCentralities } from '../../../shared/analysis/centrality';
import { readMap } from '../../../shared/analysis/input';
import { PathThreadPool } from '../../../shared/analysis/path-thread-pool';
import { pathCentralitiesOn } from '../../../shared/analysis/path-threads';
import { randomActorMap } from '../../../shared/analysis/random-maps';
import { nodeHelper, nodePathThreads } from './node-path-threads';

describe('search threads in Node', () => {
  const pool = nodePathThreads(2);
  afterAll(() => pool.close());

  it('compute the same betweenness and closeness as one thread', async () => {
    const net = buildActorNetwork(readMap(randomActorMap(800, 3, 21)));
    const one = pathCentralities(net.arcs);
    const two = await pathCentralitiesOn(pool.threads(), net.arcs);
    expect([...two.betweenness]).toEqual([...one.betweenness]);
    expect([...two.closeness]).toEqual([...one.closeness]);
  });

  it('run the whole analysis of a big map, figure for figure', async () => {
    const map = randomActorMap(1600, 4, 22);
    const result = await analyzeMapOn(pool.threads(), map);
    expect(result.pathThreads).toBe(2);
    const plain = analyzeMap(map);
    expect(result.network.actors).toEqual(plain.network.actors);
    expect(result.network.weaving).toEqual(plain.network.weaving);
  });

  it('when a thread dies mid-run: the others stop, this thread finishes, fresh threads next time', async () => {
    // Helper 0 is killed as soon as it reports progress; helper 1 is busy at that moment.
    const killed: number[] = [];
    const dying = new PathThreadPool((i) => {
      const port = nodeHelper(i);
      if (i > 0) return port;
      return {
        ...port,
        listen(onReply, onFailure) {
          port.listen((reply) => {
            if (reply.type === 'progress' && killed.length === 0) {
              killed.push(reply.id);
              void port.terminate();
            } else onReply(reply);
          }, onFailure);
        },
      };
    }, 2);
    try {
      const map = randomActorMap(1600, 4, 23);
      const threads = dying.threads();
      const result = await analyzeMapOn(threads, map);
      expect(killed).toHaveLength(1);
      expect(threads.every((t) => t.broken)).toBe(true);
      expect(result.pathThreads).toBe(1);
      expect(result.network.actors).toEqual(analyzeMap(map).network.actors);
      expect(dying.threads()).toHaveLength(2);
      expect(dying.started).toBe(4);
    } finally {
      await dying.close();
    }
  });

  it('start none on one core', () => {
    expect(nodePathThreads(1).threads()).toEqual([]);
  });
});

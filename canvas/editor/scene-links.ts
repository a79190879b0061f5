import type { ConnectionRecord } from '../../shared/schema/types';
import { addMember, pairKey, removeMember } from './scene-geom';

/**
 * The scene's connection bookkeeping: which connections touch each element, and which join each
 * pair of elements (parallel connections bow apart by their rank in the pair's sorted list).
 */
export class SceneLinks {
  readonly byElement = new Map<string, Set<string>>();
  readonly pairs = new Map<string, string[]>();

  link(id: string, rec: ConnectionRecord, dirtyPairs: Set<string>): void {
    addMember(this.byElement, rec.from, id);
    addMember(this.byElement, rec.to, id);
    const key = pairKey(rec.from, rec.to);
    const list = this.pairs.get(key);
    if (list) {
      list.push(id);
      list.sort();
    } else this.pairs.set(key, [id]);
    dirtyPairs.add(key);
  }

  unlink(id: string, rec: ConnectionRecord, dirtyPairs: Set<string>): void {
    removeMember(this.byElement, rec.from, id);
    removeMember(this.byElement, rec.to, id);
    const key = pairKey(rec.from, rec.to);
    const list = this.pairs.get(key);
    if (!list) return;
    const i = list.indexOf(id);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.pairs.delete(key);
    else dirtyPairs.add(key);
  }
}

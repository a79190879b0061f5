/**
 * Per-map services: what a feature keeps for one open map (its store, a worker's results, a
 * channel between two features) is registered in the workbench's container under a typed id,
 * and found there, instead of in a module-level WeakMap per feature. The container goes with
 * the map: when the map closes, each feature's cleanup removes (and destroys) its service.
 */

/** A service's typed name; the type parameter is what `get` returns. */
export interface ServiceId<T> {
  readonly name: string;
  /** Phantom: carries `T`, never set. */
  readonly __type?: T;
}

export function serviceId<T>(name: string): ServiceId<T> {
  return { name };
}

export class ServiceContainer {
  readonly #services = new Map<ServiceId<unknown>, unknown>();

  get<T>(id: ServiceId<T>): T | undefined {
    return this.#services.get(id) as T | undefined;
  }

  /** The service, made by `create` the first time it is asked for (a channel both ends share). */
  getOrCreate<T>(id: ServiceId<T>, create: () => T): T {
    if (!this.#services.has(id)) this.#services.set(id, create());
    return this.#services.get(id) as T;
  }

  /**
   * Registers `service` for this map; the returned cleanup destroys it (when it has `destroy`)
   * and removes it. A second service under the same id is an error.
   */
  provide<T extends { destroy?(): void }>(id: ServiceId<T>, service: T): () => void {
    if (this.#services.has(id)) throw new Error(`Service "${id.name}" is provided twice.`);
    this.#services.set(id, service);
    return () => {
      service.destroy?.();
      if (this.#services.get(id) === service) this.#services.delete(id);
    };
  }
}

/** Maps opened on this device, most recent first (the home screen lists them). */
export interface RecentMap {
  readonly roomId: string;
  readonly title: string;
  readonly link: string;
  readonly role: string;
  readonly openedAt: number;
}

const KEY = 'weavemap.recent';
const MAX = 20;

export function loadRecentMaps(storage: Storage = localStorage): RecentMap[] {
  try {
    const list = JSON.parse(storage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(list)
      ? (list.filter(
          (m) => m && typeof m.roomId === 'string' && typeof m.link === 'string',
        ) as RecentMap[])
      : [];
  } catch {
    return [];
  }
}

export function rememberMap(entry: RecentMap, storage: Storage = localStorage): void {
  const rest = loadRecentMaps(storage).filter((m) => m.roomId !== entry.roomId);
  storage.setItem(KEY, JSON.stringify([entry, ...rest].slice(0, MAX)));
}

export function forgetMap(roomId: string, storage: Storage = localStorage): void {
  storage.setItem(KEY, JSON.stringify(loadRecentMaps(storage).filter((m) => m.roomId !== roomId)));
}

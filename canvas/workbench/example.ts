/**
 * "Open the example map": the home screen creates a room and marks it here; the room fills
 * itself with shared/examples/school-readiness.ts once, after its first sync.
 */
export const exampleFlag = (roomId: string): string => `weavemap.example.${roomId}`;

export function markForExample(roomId: string): void {
  sessionStorage.setItem(exampleFlag(roomId), '1');
}

/** The popup's and options page's way to ask the background (see protocol.ts). */
import { browser } from 'wxt/browser';
import { ClipperError, type ClipperReplies, type ClipperRequest, type Reply } from '../protocol';

export async function ask<T extends ClipperRequest['type']>(
  message: Extract<ClipperRequest, { type: T }>,
): Promise<ClipperReplies[T]> {
  const reply = (await browser.runtime.sendMessage(message)) as
    Reply<ClipperReplies[T]> | undefined;
  if (reply === undefined) throw new ClipperError('The clipper’s background did not answer.');
  if (!reply.ok) throw new ClipperError(reply.error, reply.errors);
  return reply.value;
}

/**
 * Asks for permission to reach a Weavemap host. Call it first thing in a click handler: browsers
 * grant optional permissions only from a user gesture. Loopback is granted by the manifest.
 */
export function requestHostPermission(pattern: string | null): Promise<boolean> {
  if (pattern === null) return Promise.resolve(true);
  return browser.permissions.request({ origins: [pattern] });
}

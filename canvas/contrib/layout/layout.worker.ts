import { runLayout, type LayoutInput, type Positions } from './force-layout';

/** Runs the tidy layout off the main thread; posts frames for the animation, then the result. */
export type LayoutMessage =
  | { readonly type: 'frame'; readonly positions: Positions }
  | { readonly type: 'done'; readonly positions: Positions }
  | { readonly type: 'error'; readonly message: string };

self.onmessage = (e: MessageEvent<LayoutInput>) => {
  try {
    const positions = runLayout(e.data, (p) =>
      self.postMessage({ type: 'frame', positions: p } satisfies LayoutMessage),
    );
    self.postMessage({ type: 'done', positions } satisfies LayoutMessage);
  } catch (err) {
    self.postMessage({ type: 'error', message: String(err) } satisfies LayoutMessage);
  }
};

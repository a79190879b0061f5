import { mount, unmount, type Component } from 'svelte';

/** A dialog component: whatever props it takes, and `onclose` to close it. */
type ModalProps = { onclose: () => void } & Record<string, unknown>;

export interface Modal<Props extends ModalProps> {
  readonly isOpen: boolean;
  /**
   * Mounts the dialog on <body> unless it is open already. Closing it gives focus back to what
   * had it, or, if that was the page itself, calls `refocus`.
   */
  open(props: Omit<Props, 'onclose'>, refocus?: () => void): void;
  /** Closes it if it is open (the map was closed). */
  close(): void;
}

/** A dialog of which at most one is open at a time (the Name and Share dialogs). */
export function singleModal<Props extends ModalProps>(component: Component<Props>): Modal<Props> {
  let closeOpen: (() => void) | null = null;
  return {
    get isOpen() {
      return closeOpen !== null;
    },
    open(props, refocus) {
      if (closeOpen) return;
      const before = document.activeElement as HTMLElement | null;
      const target = document.createElement('div');
      document.body.append(target);
      const close = () => {
        if (!closeOpen) return;
        closeOpen = null;
        void unmount(instance);
        target.remove();
        if (before && before !== document.body) before.focus();
        else refocus?.();
      };
      closeOpen = close;
      const instance = mount(component, { target, props: { ...props, onclose: close } as Props });
    },
    close() {
      closeOpen?.();
    },
  };
}

/**
 * The timer's optional end sound: three short sine beeps made with WebAudio (no sound file).
 * Browsers allow audio only after a gesture on the page; turning the sound on is that gesture,
 * so the context is created then (`prepareBeep`) and reused at the end.
 */
let ctx: AudioContext | null = null;

export function prepareBeep(): void {
  if (typeof AudioContext === 'undefined') return;
  ctx ??= new AudioContext();
  void ctx.resume().catch(() => undefined);
}

export function beep(): void {
  if (!ctx) prepareBeep();
  if (!ctx) return;
  const t0 = ctx.currentTime + 0.02;
  for (let i = 0; i < 3; i++) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = 880;
    const start = t0 + i * 0.25;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.3, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.18);
    osc.connect(gain).connect(ctx.destination);
    osc.start(start);
    osc.stop(start + 0.2);
  }
}

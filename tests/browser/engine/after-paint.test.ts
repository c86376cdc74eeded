/**
 * When the page has taken in a report (src/engine/after-paint.ts), in Chromium: after a painted
 * frame when the tab is visible; at once when it is hidden — before the wait, or while waiting for
 * a frame that a hidden tab never paints (the coordinator would otherwise hold every update 1 s).
 * The document is a stand-in only for its visibility; frames and timers are Chromium's own.
 */
import { describe, expect, it } from 'vitest';
import { afterPaint } from '../../../src/engine/after-paint';

function fakeDoc(state: DocumentVisibilityState) {
  const target = new EventTarget();
  return {
    visibilityState: state,
    addEventListener: target.addEventListener.bind(target) as Document['addEventListener'],
    removeEventListener: target.removeEventListener.bind(target) as Document['removeEventListener'],
    hide() {
      this.visibilityState = 'hidden';
      target.dispatchEvent(new Event('visibilitychange'));
    },
  };
}

describe('afterPaint', () => {
  it('visible: resolves after a frame was painted (a requestAnimationFrame callback ran first)', async () => {
    let framed = false;
    requestAnimationFrame(() => (framed = true));
    await afterPaint(fakeDoc('visible'));
    expect(framed).toBe(true);
  });

  it('hidden: resolves at once, without a frame', async () => {
    let framed = false;
    const id = requestAnimationFrame(() => (framed = true));
    await afterPaint(fakeDoc('hidden'));
    expect(framed).toBe(false);
    cancelAnimationFrame(id);
  });

  it('hidden while waiting: resolves when the tab is hidden, not at a frame that never comes', async () => {
    const doc = fakeDoc('visible');
    // No frame will come: requestAnimationFrame is held for the length of this test.
    const raf = window.requestAnimationFrame;
    window.requestAnimationFrame = () => 0;
    try {
      let done = false;
      const p = afterPaint(doc).then(() => (done = true));
      await new Promise((r) => setTimeout(r, 50));
      expect(done).toBe(false);
      doc.hide();
      await p;
      expect(done).toBe(true);
    } finally {
      window.requestAnimationFrame = raf;
    }
  });
});

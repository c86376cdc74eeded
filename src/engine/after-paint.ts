/**
 * When the page has taken in a report: after its next frame is painted (a rendering opportunity,
 * then a task). The coordinator holds new jobs until then (coordinator-api.ts `paced`), so that
 * on few cores the job Workers do not take the CPU from the page's render.
 *
 * A hidden tab paints nothing and renders nothing: there is no render to protect and no frame to
 * wait for, so it resolves at once — also when the tab is hidden while waiting. Waiting for the
 * frame there held every update of a comparison for the coordinator's cap (1 s each).
 */
export function afterPaint(doc: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'> = document): Promise<void> {
  if (doc.visibilityState === 'hidden') return Promise.resolve();
  return new Promise((resolve) => {
    const hidden = () => {
      if (doc.visibilityState !== 'hidden') return;
      doc.removeEventListener('visibilitychange', hidden);
      resolve();
    };
    doc.addEventListener('visibilitychange', hidden);
    requestAnimationFrame(() =>
      setTimeout(() => {
        doc.removeEventListener('visibilitychange', hidden);
        resolve();
      }, 0),
    );
  });
}

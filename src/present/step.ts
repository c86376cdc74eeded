/**
 * A build step as a person wrote it: a config history `created_by` made readable, for the
 * written reports and the page (issue 13: "layer 3, `RUN apt-get install -y curl`").
 *
 * Writers record the same Dockerfile line in several forms (src/compare/explain/builder.ts):
 *   the legacy builder   `/bin/sh -c #(nop)  COPY file:ab12… in /app`   (a non-RUN instruction)
 *                        `/bin/sh -c apt-get install -y curl`           (a RUN)
 *   BuildKit             `RUN /bin/sh -c apt-get install -y curl # buildkit`, `COPY app/ /app/ # buildkit`
 *   buildah, kaniko      `/bin/sh -c apt-get …`, `COPY app/ /app/`
 * The shell wrapper and BuildKit's marker are dropped, a bare command becomes `RUN …`, and
 * whitespace runs (the legacy builder's two spaces, continued lines) become one space. Then
 * `visible()` shows control and bidi characters as escapes (the text is the archive's, untrusted).
 * Pure, no imports beyond escape.ts: the page imports it statically.
 */
import { visible } from './escape';

/** The step's instruction as the Dockerfile had it, on one line, not yet escaped or shortened. */
export function stepInstruction(createdBy: string): string {
  let s = createdBy.trim();
  s = s.replace(/\s+#\s*buildkit\s*$/, '');
  const nop = /^\/bin\/sh -c #\(nop\)\s*/.exec(s);
  if (nop) s = s.slice(nop[0].length);
  else {
    // BuildKit: `RUN /bin/sh -c cmd`; the legacy builder and buildah: `/bin/sh -c cmd`.
    const run = /^(RUN\s+)?(?:\|\d+\s+(?:\S+=\S*\s+)*)?\/bin\/(?:ba)?sh -c\s+/.exec(s);
    if (run) s = `RUN ${s.slice(run[0].length)}`;
  }
  return s.replace(/[ \t\r\n]+/g, ' ').trim();
}

/** Default width of a step on one line. */
export const STEP_WIDTH = 100;

/** The readable step, escaped (`visible`) and cut to `max` characters with an ellipsis at the end. */
export function stepText(createdBy: string, max = STEP_WIDTH): string {
  const s = visible(stepInstruction(createdBy), Number.MAX_SAFE_INTEGER);
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** The whole step, escaped, for a title (hover) or a full listing. */
export function stepFull(createdBy: string): string {
  return visible(stepInstruction(createdBy), 4000);
}

/** "layer 3", "layer 3 of A", "layer 3 of B", with the image's label when several are compared. */
export function stepWhere(step: { side: 'a' | 'b' | 'both'; layer: number; image?: string }): string {
  const side = step.side === 'both' ? '' : ` of ${step.side.toUpperCase()}`;
  return `${step.image ? `${visible(step.image, 200)} · ` : ''}layer ${step.layer + 1}${side}`;
}

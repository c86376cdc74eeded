/**
 * The library build's entry (vite.embed.config.ts → dist-embed/tarscope-embed.js):
 *
 *   <script type="module" src="tarscope-embed.js"></script>
 *   <tarscope-diff a="https://…/a.tar" b="https://…/b.tar"></tarscope-diff>
 *   <tarscope-inspect src="https://…/image.tar" compact></tarscope-inspect>
 */
import { defineElements } from './elements';

export { TarscopeDiffElement, TarscopeInspectElement, defineElements } from './elements';

defineElements();

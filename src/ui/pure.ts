/**
 * `pure(Component)`: the component, re-rendered only when one of its props changed (shallow,
 * `Object.is`), as preact/compat's `memo` does without pulling in compat. The comparison page
 * re-renders from the top at every progress event (~10 a second while the layers are scanned and
 * while digests are verified); the cause cards and the drill-down under it took ~15 ms a time on
 * the 1 GB pair, 1.4 s of the main thread during its 9 s verification — a third busy thread
 * beside the two Workers on 2 cores (docs/benchmarks.md). Their props do not change then.
 */
import { Component, h, type ComponentType } from 'preact';

function shallowEqual(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  for (const k in a) if (!(k in b) || !Object.is(a[k], b[k])) return false;
  for (const k in b) if (!(k in a)) return false;
  return true;
}

export function pure<P extends object>(Inner: ComponentType<P>): ComponentType<P> {
  class Pure extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      return !shallowEqual(this.props as Record<string, unknown>, next as Record<string, unknown>);
    }
    override render() {
      return h(Inner, this.props);
    }
  }
  (Pure as unknown as { displayName: string }).displayName = `pure(${Inner.displayName ?? Inner.name})`;
  return Pure as unknown as ComponentType<P>;
}

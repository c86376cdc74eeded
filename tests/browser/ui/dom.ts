/** Small DOM helpers for the page's component tests (real Chromium, real events). */
import { render, type ComponentChild } from 'preact';

let mounted: HTMLElement[] = [];

export function mount(vnode: ComponentChild, width?: number): HTMLElement {
  const el = document.createElement('div');
  if (width) el.style.width = `${width}px`;
  document.body.append(el);
  render(vnode, el);
  mounted.push(el);
  return el;
}

export function unmountAll(): void {
  for (const el of mounted) {
    render(null, el);
    el.remove();
  }
  mounted = [];
}

/** Lets Preact's scheduled renders (microtasks) and pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0));
}

/** Waits a frame so ResizeObserver/scroll handlers have run and the DOM has been laid out. */
export async function frame(): Promise<void> {
  await new Promise((r) => requestAnimationFrame(() => r(null)));
  await settle();
}

export function pickFile(input: HTMLInputElement, file: File): void {
  const dt = new DataTransfer();
  dt.items.add(file);
  input.files = dt.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

export function dropFile(target: Element, file: File): void {
  const dt = new DataTransfer();
  dt.items.add(file);
  target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
  target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
}

export function byText<T extends Element = HTMLElement>(root: ParentNode, selector: string, text: string | RegExp): T {
  const all = [...root.querySelectorAll<T>(selector)];
  const hit = all.find((e) => (typeof text === 'string' ? e.textContent?.trim() === text : text.test(e.textContent ?? '')));
  if (!hit) throw new Error(`no ${selector} with text ${text}; saw: ${all.map((e) => JSON.stringify(e.textContent?.trim())).join(', ')}`);
  return hit;
}

export function key(target: Element, k: string): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
}

export function setValue(el: HTMLInputElement | HTMLSelectElement, value: string | boolean): void {
  if (el instanceof HTMLInputElement && el.type === 'checkbox') {
    el.checked = value as boolean;
    el.dispatchEvent(new Event('change', { bubbles: true }));
    return;
  }
  el.value = value as string;
  el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

/** The label's control, found by the label's exact text (what a person reads). */
export function control<T extends HTMLElement>(root: ParentNode, label: string): T {
  const l = [...root.querySelectorAll('label')].find((x) => x.firstChild?.textContent?.trim() === label || x.textContent?.trim() === label);
  if (!l) throw new Error(`no label ${label}`);
  const c = l.control ?? l.querySelector('input,select,textarea');
  if (!c) throw new Error(`label ${label} has no control`);
  return c as unknown as T;
}

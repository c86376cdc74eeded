/**
 * Archives by URL typed on the page (issue 13): the fields next to the file pickers open a URL
 * exactly as `?a=URL&b=URL` does (an HttpBlob read in Range requests from vite's test server,
 * which answers Range requests for public/ files), put `?a=&b=` in the address bar, and explain
 * a URL that cannot be opened. Keyboard only: Enter in a field opens.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { App } from '../../../src/ui/App';
import { HttpBlob } from '../../../src/remote/http-blob';
import { mount, settle, unmountAll } from '../ui/dom';
import { FakeEngine } from '../ui/fakeEngine';

let address: string;
beforeEach(() => {
  address = location.pathname + location.search + location.hash;
});
afterEach(() => {
  unmountAll();
  history.replaceState(history.state, '', address);
});

async function until<T>(f: () => T | null | undefined | false, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await settle();
    await new Promise((r) => setTimeout(r, 20));
  }
}

const field = (name: RegExp) => page.getByRole('textbox', { name }).element() as HTMLInputElement;

describe('URL fields next to the file pickers', () => {
  it('two URLs typed, Enter: compared through Range requests, and the address bar gets ?a=&b=', async () => {
    const engine = new FakeEngine();
    mount(<App engine={engine} />);
    await settle();
    await userEvent.click(field(/^A from a URL$/));
    await userEvent.keyboard('/icons/pwa-192.png');
    await userEvent.tab();
    await userEvent.keyboard('/icons/icon.svg{Enter}');
    await until(() => engine.compares.length > 0);
    expect([engine.lastCompare.aName, engine.lastCompare.bName]).toEqual(['pwa-192.png', 'icon.svg']);
    expect(engine.lastCompare.a).toBeInstanceOf(HttpBlob);
    expect(engine.lastCompare.b).toBeInstanceOf(HttpBlob);
    const q = new URLSearchParams(location.search);
    expect([q.get('a'), q.get('b')]).toEqual(['/icons/pwa-192.png', '/icons/icon.svg']);
    expect(location.search).toContain('a=/icons/pwa-192.png');
  });

  it('the Open button opens one URL: inspected, as ?a= alone would be', async () => {
    const engine = new FakeEngine();
    const root = mount(<App engine={engine} />);
    await settle();
    const open = page.getByRole('button', { name: 'Open' }).element() as HTMLButtonElement;
    expect(open.disabled).toBe(true);
    await userEvent.fill(field(/^A from a URL$/), '/icons/icon.svg');
    expect(open.disabled).toBe(false);
    await userEvent.click(open);
    await until(() => engine.calls.length > 0);
    expect(engine.last.name).toBe('icon.svg');
    expect(engine.last.file).toBeInstanceOf(HttpBlob);
    expect(root.querySelector('.remote-note')!.textContent).toContain('read in Range requests as needed, never downloaded whole');
    expect(new URLSearchParams(location.search).get('a')).toBe('/icons/icon.svg');
  });

  it('a URL that cannot be opened is explained like ?b= would be, nothing runs, and it is still in the address bar', async () => {
    const engine = new FakeEngine();
    const root = mount(<App engine={engine} />);
    await settle();
    await userEvent.fill(field(/^B from a URL$/), 'http://127.0.0.1:9/nothing-listens-here.tar');
    await userEvent.click(field(/^B from a URL$/));
    await userEvent.keyboard('{Enter}');
    const panel = await until(() => root.querySelector('.remote-error'));
    expect(panel.getAttribute('data-failure')).toBe('unreachable');
    expect(panel.querySelector('h2')!.textContent).toBe('Archive B could not be reached');
    expect(engine.calls.length + engine.compares.length).toBe(0);
    expect(new URLSearchParams(location.search).get('b')).toBe('http://127.0.0.1:9/nothing-listens-here.tar');
  });

  it('a javascript: URL is refused without a request', async () => {
    const engine = new FakeEngine();
    const root = mount(<App engine={engine} />);
    await settle();
    await userEvent.fill(field(/^A from a URL$/), 'javascript:alert(1)');
    await userEvent.click(page.getByRole('button', { name: 'Open' }).element());
    const panel = await until(() => root.querySelector('.remote-error'));
    expect(panel.getAttribute('data-failure')).toBe('bad-url');
    expect(engine.calls).toHaveLength(0);
  });

  it('?a= fills its field', async () => {
    mount(<App engine={new FakeEngine()} urls={{ a: '/icons/icon.svg' }} />);
    await settle();
    expect(field(/^A from a URL$/).value).toBe('/icons/icon.svg');
    expect(field(/^B from a URL$/).value).toBe('');
  });
});

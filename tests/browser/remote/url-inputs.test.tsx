/**
 * The page's URL inputs (`App urls`, what main.tsx passes for `?a=URL&b=URL`), in Chromium:
 * an archive on a server that answers Range requests reaches the engine as an HttpBlob
 * (never downloaded: slices are Range requests), two URLs are compared, and a URL that
 * cannot be opened is explained on the page — which URL, what failed — with no run started.
 * The test server is the one serving this test (vite's, which answers Range requests for
 * public/ files); HTTP statuses are tested in Node (tests/unit/remote), CORS failures end to
 * end (tests/e2e/embed.test.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/ui/App';
import { HttpBlob } from '../../../src/remote/http-blob';
import { mount, settle, unmountAll } from '../ui/dom';
import { FakeEngine } from '../ui/fakeEngine';

afterEach(unmountAll);

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

const iconSvg = () => fetch('/icons/icon.svg').then(async (r) => new Uint8Array(await r.arrayBuffer()));

describe('?a=URL&b=URL', () => {
  it('?a= alone: inspects the archive at the URL through Range requests, says so, shows its name and size', async () => {
    const want = await iconSvg();
    const engine = new FakeEngine();
    const root = mount(<App engine={engine} urls={{ a: '/icons/icon.svg' }} />);
    await until(() => engine.calls.length > 0);
    const call = engine.last;
    expect(call.name).toBe('icon.svg');
    expect(call.file).toBeInstanceOf(HttpBlob);
    expect(call.file.size).toBe(want.length);
    expect(new Uint8Array(await call.file.slice(10, 40).arrayBuffer())).toEqual(want.subarray(10, 40));
    expect(new Uint8Array(await new Response(call.file.slice(5).stream()).arrayBuffer())).toEqual(want.subarray(5));
    const note = root.querySelector('.remote-note')!.textContent!;
    expect(note).toContain(`${location.origin}/icons/icon.svg`);
    expect(note).toContain('read in Range requests as needed, never downloaded whole');
    expect(root.querySelector('.dropzone.has-file')!.textContent).toContain('icon.svg');
  });

  it('?a=&b=: compares the two archives', async () => {
    const engine = new FakeEngine();
    mount(<App engine={engine} urls={{ a: '/icons/pwa-192.png', b: '/icons/icon.svg' }} />);
    await until(() => engine.compares.length > 0);
    expect([engine.lastCompare.aName, engine.lastCompare.bName]).toEqual(['pwa-192.png', 'icon.svg']);
    expect(engine.lastCompare.b).toBeInstanceOf(HttpBlob);
    expect(engine.calls).toHaveLength(0);
  });

  it('a URL that cannot be opened is explained (which URL, what failed) and nothing runs', async () => {
    const engine = new FakeEngine();
    const root = mount(<App engine={engine} urls={{ a: '/icons/icon.svg', b: 'http://127.0.0.1:9/nothing-listens-here.tar' }} />);
    const panel = await until(() => root.querySelector('.remote-error'));
    expect(panel.getAttribute('data-failure')).toBe('unreachable');
    expect(panel.querySelector('h2')!.textContent).toBe('Archive B could not be reached');
    expect(panel.querySelector('.remote-url')!.textContent).toBe('http://127.0.0.1:9/nothing-listens-here.tar');
    expect(panel.querySelector('[role=alert]')!.textContent).toBe(
      'No answer from 127.0.0.1:9: the server is down, the address is wrong, or the network is unreachable.',
    );
    expect(engine.calls.length + engine.compares.length).toBe(0);
  });

  it('a javascript: URL is refused without a request, and said so', async () => {
    const engine = new FakeEngine();
    const root = mount(<App engine={engine} urls={{ b: 'javascript:alert(1)' }} />);
    const panel = await until(() => root.querySelector('.remote-error'));
    expect(panel.getAttribute('data-failure')).toBe('bad-url');
    expect(panel.querySelector('h2')!.textContent).toBe('Archive B is not an address the page can fetch');
    expect(panel.querySelector('[role=alert]')!.textContent).toBe('javascript: URLs cannot be fetched; give an http: or https: URL');
    expect(engine.calls).toHaveLength(0);
  });
});

import './remote.css';
import { Bytes } from './Bytes';
import type { RemoteSlot } from './useRemote';

const SIDE = { a: 'Archive A', b: 'Archive B' } as const;

const FAILURE_TITLE: Record<string, string> = {
  'bad-url': 'is not an address the page can fetch',
  cors: 'is on a server that does not let this page read it',
  unreachable: 'could not be reached',
  http: 'could not be fetched',
  read: 'could not be read to the end',
};

/**
 * Archives given as URLs: which one is being opened, how it is read (Range requests, or
 * read whole into memory when the server ignores Range: said, with the size), and why one
 * could not be opened — which URL, what failed in plain words, what the server must send.
 */
export function RemoteInputs({ slots }: { slots: RemoteSlot[] }) {
  if (!slots.length) return null;
  return (
    <div class="remote-inputs">
      {slots.map((s) => (
        <RemoteLine key={s.side} slot={s} />
      ))}
    </div>
  );
}

function RemoteLine({ slot }: { slot: RemoteSlot }) {
  const label = SIDE[slot.side];
  if (slot.state === 'failed' && slot.problem) {
    const p = slot.problem;
    return (
      <section class="panel errors is-fatal remote-error" aria-labelledby={`remote-${slot.side}-title`} data-failure={p.failure}>
        <h2 id={`remote-${slot.side}-title`}>
          {label} {FAILURE_TITLE[p.failure] ?? 'could not be opened'}
        </h2>
        <p class="remote-url">
          <code>{p.url}</code>
        </p>
        <p class="error-main" role="alert">
          {p.message}
        </p>
        {p.fixes.length > 0 && (
          <>
            <p>{p.failure === 'cors' ? 'For a page on another site to read an archive, the server must send:' : 'What to do:'}</p>
            <ul class="remote-fixes">
              {p.fixes.map((f) => (
                <li key={f}>{p.failure === 'cors' ? <code>{f}</code> : f}</li>
              ))}
            </ul>
          </>
        )}
      </section>
    );
  }
  if (slot.state === 'opening') {
    return (
      <p class="remote-note" role="status">
        {label}: opening <code class="remote-url">{slot.url}</code>…
        {slot.loaded !== undefined && (
          <>
            {' '}
            the server does not answer Range requests, reading it whole: <Bytes n={slot.loaded} />
            {slot.total ? (
              <>
                {' '}
                of <Bytes n={slot.total} />
              </>
            ) : null}
          </>
        )}
      </p>
    );
  }
  const src = slot.source!;
  return (
    <p class={`remote-note${src.remote?.mode === 'download' ? ' is-download' : ''}`}>
      {label}: <code class="remote-url">{slot.url}</code>{' '}
      {src.remote?.mode === 'download' ? (
        <>
          — the server does not answer Range requests, so the whole archive (<Bytes n={src.size} />) was read into memory first.
        </>
      ) : (
        <>— read in Range requests as needed, never downloaded whole.</>
      )}
    </p>
  );
}

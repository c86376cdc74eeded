/**
 * The page's URL inputs: `?a=URL&b=URL` compares, `?a=URL` (or `?b=` alone) inspects.
 * Pure: parsing and naming only, no fetching (open.ts does that).
 */

export interface UrlInputs {
  a?: string;
  b?: string;
}

/** A URL that cannot be fetched from a page: said before any request is made. */
export class BadUrl extends Error {}

/**
 * The archive URL of one parameter, resolved against the page (so `?a=fixtures/x.tar`
 * works on the same server). Only http: and https: — a `javascript:` or `data:` value is
 * refused, not fetched.
 */
export function resolveArchiveUrl(value: string, base: string): string {
  let u: URL;
  try {
    u = new URL(value.trim(), base);
  } catch {
    throw new BadUrl(`"${value}" is not a URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new BadUrl(`${u.protocol} URLs cannot be fetched; give an http: or https: URL`);
  return u.href;
}

/** `?a=…&b=…` of a page address; empty values count as absent. */
export function urlInputs(search: string): UrlInputs {
  const p = new URLSearchParams(search);
  const out: UrlInputs = {};
  for (const side of ['a', 'b'] as const) {
    const v = p.get(side)?.trim();
    if (v) out[side] = v;
  }
  return out;
}

/**
 * The name the report shows for an archive at a URL: the last path segment, percent-decoded
 * (`…/v1.2/app%20image.tar?sig=…` → `app image.tar`), else the host name.
 */
export function nameFromUrl(url: string): string {
  try {
    const u = new URL(url);
    const last = u.pathname.split('/').filter(Boolean).pop();
    if (last) {
      try {
        return decodeURIComponent(last);
      } catch {
        return last;
      }
    }
    return u.hostname || url;
  } catch {
    return url;
  }
}

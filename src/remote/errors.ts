/**
 * Why an archive at a URL could not be opened, in plain words: which URL, what failed, and
 * what the server has to send for a page on another origin to read it with Range requests
 * (Fetch standard: CORS protocol; RFC 9110 §14 range requests).
 */

export type RemoteFailure =
  /** Not an http(s) URL. */
  | 'bad-url'
  /** No response could be read: the server answered but CORS forbids reading it. */
  | 'cors'
  /** No response at all: server down, wrong host, or offline. */
  | 'unreachable'
  /** A response with an error status. */
  | 'http'
  /** Reading the body failed midway. */
  | 'read';

export interface RemoteProblem {
  url: string;
  failure: RemoteFailure;
  /** What failed, one sentence. */
  message: string;
  /** What the server (or the person) must do, one line each. */
  fixes: string[];
}

export class RemoteError extends Error implements RemoteProblem {
  readonly url: string;
  readonly failure: RemoteFailure;
  readonly fixes: string[];
  constructor(p: RemoteProblem) {
    super(p.message);
    this.name = 'RemoteError';
    this.url = p.url;
    this.failure = p.failure;
    this.fixes = p.fixes;
  }
}

/** The headers a server must send so that a page on `origin` can read an archive in ranges. */
export function corsFixes(origin: string): string[] {
  return [
    `Access-Control-Allow-Origin: ${origin} (or *)`,
    'Access-Control-Expose-Headers: Content-Length, Content-Range',
    'Access-Control-Allow-Headers: Range (older browsers ask first, with an OPTIONS request)',
    'Accept-Ranges: bytes, and answer "Range: bytes=…" with 206 Partial Content',
  ];
}

const STATUS_WORDS: Record<number, string> = {
  401: 'the server wants a login (the page sends no credentials)',
  403: 'the server refuses to give this file',
  404: 'there is no file at this address',
  410: 'the file was removed',
  429: 'the server asks to slow down: too many requests',
};

export function httpProblem(url: string, status: number, statusText: string): RemoteProblem {
  const words = STATUS_WORDS[status] ?? (status >= 500 ? 'the server failed' : 'the server refused the request');
  return {
    url,
    failure: 'http',
    message: `The server answered ${status}${statusText ? ` ${statusText}` : ''}: ${words}.`,
    fixes: status === 404 || status === 410 ? ['Check the address.'] : status >= 500 ? ['Try again later.'] : [],
  };
}

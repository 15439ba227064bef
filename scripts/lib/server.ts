import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

/** The host the sample draft really lives on: the extension's match pattern applies to it. */
export const SAMPLE_HOST = 'www.jinan.gov.cn';
/** The sample draft's path, shaped like jinan.gov.cn's article pages. */
export const SAMPLE_PATH = '/art/2024/2/18/art_1861_4939587.html';
export const SAMPLE_URL = `http://${SAMPLE_HOST}${SAMPLE_PATH}`;

export interface FixtureServer {
  port: number;
  /** Serves `html` at `path` from now on (tests add pages of their own), with `headers` besides the usual ones (a page's Content-Security-Policy). */
  route(path: string, html: string, headers?: Record<string, string>): void;
  /** Serves `bytes` for the file fixture `name` from now on (a later version of an attachment: other bytes, same link). */
  replaceFile(name: string, bytes: Buffer): void;
  close(): Promise<void>;
}

/**
 * A local server on 127.0.0.1 for the sample draft and test pages. It also answers proxy-style requests
 * (`GET http://www.jinan.gov.cn/… HTTP/1.1`), so a browser can use it as its HTTP proxy and keep real URLs.
 * Unknown paths get 404. Only loopback is ever bound.
 */
/** The sample draft's HTML. */
export const SAMPLE = readFileSync(resolve(import.meta.dirname, '../../sample/jinan-digital-economy-draft.html'), 'utf8');

export async function startFixtureServer(port = 0): Promise<FixtureServer> {
  const sample = SAMPLE;
  const routes = new Map<string, string>([[SAMPLE_PATH, sample]]);
  const extraHeaders = new Map<string, Record<string, string>>();
  const replaced = new Map<string, Buffer>();
  const server: Server = createServer((req, res) => {
    let path = req.url ?? '/';
    // a proxy-style request (Firefox's harness): keep the query, which names downfile.jsp's file
    if (/^https?:\/\//.test(path)) {
      const u = new URL(path);
      path = u.pathname + u.search;
    }
    const file = attachment(path, replaced);
    // /attach/down.aspx?id=N serves what getfile.jsp does, but refuses HEAD, as some CMSs' download handlers do
    if (file && req.method === 'HEAD' && path.startsWith('/attach/down.aspx')) {
      res.writeHead(405, { allow: 'GET', 'content-type': 'text/plain; charset=utf-8' }).end();
      return;
    }
    if (file) {
      // downfile.jsp answers octet-stream as municipal sites do; /files/NAME answers the file's own type (a PDF shown in a tab)
      const type = file.direct && file.name.endsWith('.pdf') ? 'application/pdf' : 'application/octet-stream';
      const disposition = file.direct ? 'inline' : `attachment; filename="${file.name}"`;
      res.writeHead(200, { 'content-type': type, 'content-disposition': disposition, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : file.bytes);
      return;
    }
    path = path.split('?')[0]!;
    const body = routes.get(path);
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...extraHeaders.get(path) }).end(body);
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  return {
    port: (server.address() as AddressInfo).port,
    route: (path, html, headers) => {
      routes.set(path, html);
      if (headers) extraHeaders.set(path, headers);
      else extraHeaders.delete(path);
    },
    replaceFile: (name, bytes) => void replaced.set(name, bytes),
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** The sample notice's attachments (sample/…html links to them), served as a municipal site does: downfile.jsp?filename=…, octet-stream. */
export const ATTACHMENTS: Record<string, string> = {
  '2402181030001.docx': 'jinan-draft.docx',
  '2402181030003.pdf': 'jinan-draft.pdf',
};

/**
 * Attachments a link names by number only (getfile.jsp?id=N: nothing in the address says PDF or Word), as many
 * CMSs serve them: octet-stream, the file name in the Content-Disposition only.
 */
export const ATTACHMENT_IDS: Record<string, string> = {
  '7': 'jinan-draft.pdf',
};

/** The file fixture a request names (the sample's downfile.jsp links, getfile.jsp?id=N or down.aspx?id=N, or /files/NAME), or null. */
function attachment(url: string, replaced: ReadonlyMap<string, Buffer>): { name: string; bytes: Buffer; direct: boolean } | null {
  const u = new URL(url, 'http://x');
  const name =
    u.pathname === '/module/download/downfile.jsp'
      ? ATTACHMENTS[u.searchParams.get('filename') ?? '']
      : u.pathname === '/module/download/getfile.jsp' || u.pathname === '/attach/down.aspx'
        ? ATTACHMENT_IDS[u.searchParams.get('id') ?? '']
        : /^\/files\/([\w.-]+)$/.exec(u.pathname)?.[1];
  if (!name) return null;
  const direct = u.pathname.startsWith('/files/');
  const bytes = replaced.get(name);
  if (bytes) return { name, bytes, direct };
  try {
    return { name, bytes: readFileSync(resolve(import.meta.dirname, '../../tests/fixtures/files', name)), direct: u.pathname.startsWith('/files/') };
  } catch {
    return null;
  }
}

import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { FormBrowser } from './form-browser.js';
import { home, ua } from './form-browser.js';

/** A multipart/form-data body, as a browser sends a form with a file. */
export function multipartBody(fields: Record<string, string>, file?: { field: string; name: string; bytes: Buffer }) {
  const boundary = `----rempart${randomUUID().replace(/-/g, '')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\n` +
          'Content-Type: application/pdf\r\n\r\n',
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Posts a form with a file from `browser` (its cookies and CSRF token), as it would. */
export async function postFile(
  app: FastifyInstance,
  browser: FormBrowser,
  url: string,
  file: { field: string; name: string; bytes: Buffer },
  fields: Record<string, string> = {},
) {
  const body = multipartBody({ _csrf: browser.csrf, ...fields }, file);
  const jar = [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  return app.inject({
    method: 'POST',
    url,
    remoteAddress: home,
    headers: { 'user-agent': ua, accept: 'text/html', cookie: jar, 'content-type': body.contentType },
    payload: body.payload,
  });
}

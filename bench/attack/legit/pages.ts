/*
 * What a person sees on a page and clicks: links and form actions, read from the HTML the
 * server sent, so the simulated users only ever reach what the pages show them.
 */

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** The distinct ids in the page's links under `prefix` (`/organisme/orientations/`), in page order. */
export function linkedIds(body: string, prefix: string): string[] {
  const pattern = new RegExp(`href="${prefix.replace(/\//g, '\\/')}(${UUID})"`, 'g');
  return [...new Set([...body.matchAll(pattern)].map((match) => match[1]!))];
}

/** Whether the page has a form posting to `action`. */
export function hasForm(body: string, action: string): boolean {
  return body.includes(`action="${action}"`);
}

/** The values of the hidden field `name` of every form on the page (the pool's handles). */
export function hiddenValues(body: string, name: string): string[] {
  return [...body.matchAll(new RegExp(`name="${name}" value="([^"]+)"`, 'g'))].map((match) => match[1]!);
}

/** Whether the list has a next page (`page=N+1` linked). */
export function hasPage(body: string, page: number): boolean {
  return new RegExp(`[?&;]page=${page}\\b`).test(body);
}

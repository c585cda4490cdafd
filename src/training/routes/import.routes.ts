import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { invalid, type Web } from '../../http/kit/index.js';
import { actorOf } from '../../identity/index.js';
import { emptyForm } from '../../ui/index.js';
import type { TrainingDeps } from '../deps.js';
import { IMPORT_SCRIPT, importPage } from '../pages/import.page.js';
import { importSessions } from '../session-import.js';
import { ofPage } from './access.js';

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), '../static/import-sessions.js');

const lotBody = z.strictObject({
  csv: z.string().max(60_000),
  lines: z.array(z.number().int().min(1)).max(200),
});

/**
 * The CSV import of sessions. The page's script sends the file in lots of 100 rows to the
 * JSON action, for a progress bar and a running report (a form body is capped at 16 kB); the
 * form alone takes a short pasted file.
 */
export function registerImportRoutes(web: Web, deps: TrainingDeps): void {
  web.page('/organisme/sessions/import', { access: ofPage, query: z.strictObject({}) }, async (_request, reply) =>
    reply.page(importPage({ form: emptyForm(reply.csrfToken()) })),
  );
  web.form(
    '/organisme/sessions/import',
    {
      access: ofPage,
      fields: z.strictObject({
        csv: z.string().max(15_000, { error: 'Le texte est trop long : choisissez le fichier plutôt.' }),
      }),
      render: (form) => importPage({ form }),
    },
    async (values, request, reply) => {
      if (values.csv.trim() === '') invalid({ csv: 'Choisissez un fichier ou collez son contenu.' });
      const report = await importSessions(deps, actorOf(request), values.csv);
      return reply.page(importPage({ form: emptyForm(reply.csrfToken()), report }));
    },
  );
  web.action('/organisme/sessions/import/lot', { access: ofPage, body: lotBody }, async (request) =>
    importSessions(deps, actorOf(request), request.body.csv, { lines: request.body.lines }),
  );
  web.script(path.basename(IMPORT_SCRIPT), script);
}

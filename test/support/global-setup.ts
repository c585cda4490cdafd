import type { TestProject } from 'vitest/node';
import { pgliteTemplate } from './pglite-template.js';
import { startPostgres } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    postgresBinDir: string;
    pgliteTemplate: string;
  }
}

/**
 * One PostgreSQL server for the whole run, on which each test file makes its own database; and
 * the migrated PGlite cluster that each test file's embedded database starts from.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const server = await startPostgres();
  const template = await pgliteTemplate().catch((error: unknown) => {
    server.stop();
    throw error;
  });
  project.provide('postgresUrl', server.url);
  project.provide('postgresBinDir', server.binDir);
  project.provide('pgliteTemplate', template);
  return () => server.stop();
}

import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../kernel/errors.js';
import { formRoute, type FormRoute } from './form-route.js';
import type { PendingForms } from './pending-forms.js';
import type { AnyObject, FormOptions } from './types.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A route that accepts one file in a `multipart/form-data` body, at most this many bytes. */
    upload?: { maxBytes: number };
  }
}

/** One file sent with a form: its name as the browser gave it, and its bytes (never trusted). */
export interface UploadedFile {
  name: string;
  bytes: Buffer;
}

/** What the person sent in the file field: a file, nothing, or a file over the limit (not read). */
export type UploadOutcome = { kind: 'file'; file: UploadedFile } | { kind: 'none' } | { kind: 'too_large' };

/** Fields a form with a file may carry besides it; files beyond one are refused. */
const PART_LIMITS = { files: 1, fields: 20, fieldSize: 4096, parts: 22 };

/**
 * Multipart bodies (@fastify/multipart) for the routes declared as uploads (`config.upload`),
 * refused with 415 everywhere else, as form bodies are: the JSON API never takes one. Nothing is
 * read before the access check: the parts are read in the handler, with the route's size limit.
 */
export async function registerUploads(app: FastifyInstance): Promise<void> {
  await app.register(multipart, { limits: PART_LIMITS });
  app.addHook('preValidation', async (request) => {
    if (request.isMultipart() && !request.routeOptions.config.upload) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'multipart body outside an upload route');
    }
  });
}

/** The text fields and the one file of a multipart body, the file cut at `maxBytes`. */
async function readParts(request: FastifyRequest, fileField: string, maxBytes: number) {
  const fields: Record<string, string> = {};
  let upload: UploadOutcome = { kind: 'none' };
  try {
    for await (const part of request.parts({ limits: { ...PART_LIMITS, fileSize: maxBytes } })) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      if (part.fieldname !== fileField) throw new AppError('VALIDATION_FAILED', 'unexpected file field');
      const bytes = await part.toBuffer();
      if (bytes.length > 0) upload = { kind: 'file', file: { name: part.filename, bytes } };
    }
  } catch (error) {
    if ((error as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
    upload = { kind: 'too_large' };
  }
  return { fields, upload };
}

/** The CSRF check of @fastify/csrf-protection; false when it refused (its 403 is then sent). */
function csrfPasses(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): boolean {
  let passed = false;
  app.csrfProtection(request, reply, () => {
    passed = true;
  });
  return passed;
}

/**
 * A form with one file (a CV): the same as a kit form (CSRF token, zod fields, the page shown
 * again with each field's French error and what was typed), plus the file, handed to the action
 * as what was sent. A file over `maxBytes` is not read past the limit; the action says why.
 */
export function uploadRoute(
  app: FastifyInstance,
  options: Omit<FormOptions<AnyObject, undefined, undefined>, 'resume'> & { fileField: string; maxBytes: number },
  action: (values: never, upload: UploadOutcome, request: never, reply: FastifyReply) => Promise<unknown>,
  pendingForms: PendingForms,
): FormRoute {
  const uploads = new WeakMap<FastifyRequest, UploadOutcome>();
  const built = formRoute(
    options,
    (values, request: FastifyRequest, reply) => action(values, uploads.get(request)!, request as never, reply),
    pendingForms,
  );
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const { fields, upload } = await readParts(request, options.fileField, options.maxBytes);
    request.body = fields;
    if (!csrfPasses(app, request, reply)) return reply;
    const parsed = built.body.safeParse(fields);
    // Fastify checked the schema against a body not yet read: the verdict that counts is this one.
    (request as { validationError?: Error }).validationError = parsed.success ? undefined : parsed.error;
    if (parsed.success) request.body = parsed.data;
    uploads.set(request, upload);
    return built.handler(request, reply);
  };
  return { ...built, handler };
}

import { typeset } from './french.js';

/** A command refused for a reason the CLI says in one French sentence (exit code 2), no stack. */
export class CliRefusal extends Error {}

/** Whether `error` is one of node:util parseArgs's refusals (their messages are English). */
export function isArgsError(error: unknown): error is TypeError & { code: string } {
  return error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
}

/**
 * A parseArgs refusal said in French for `rempart <command>`, with the command's synopsis. The
 * offending word is quoted from node's message; the rest of that message is not shown.
 */
export function frenchArgsError(error: TypeError & { code: string }, command: string, synopsis: string): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  const reason =
    error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
      ? `option inconnue « ${quoted} »`
      : error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
        ? `argument inattendu « ${quoted} »`
        : error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
          ? `valeur manquante ou invalide pour ${quoted}`
          : 'arguments mal formés';
  return typeset(`Arguments invalides pour « rempart ${command} » : ${reason}. Utilisation : ${synopsis}`);
}

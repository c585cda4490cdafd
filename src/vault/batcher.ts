/** Statements of one kind in flight at once; further requests wait and go together in the next. */
export const MAX_IN_FLIGHT = 2;
/** Requests merged into one statement at most. */
export const MAX_BATCH = 64;

export interface Batcher<Request, Result> {
  submit(request: Request): Promise<Result>;
}

interface Pending<Request, Result> {
  request: Request;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

/**
 * Merges requests that arrive while earlier ones are being executed. A request finding a free
 * slot goes at once, alone: no added wait when the platform is quiet. Under load, those that
 * queue behind the slots in use leave together in the next statement, which commits once for
 * all of them; a durable commit waits for the disk, and this is how concurrent reads share that
 * wait. `run` answers each request in order, with its result or its own error; if it throws,
 * every request of the batch fails with it.
 *
 * Hand-written: no library merges heterogeneous calls into one SQL statement; pg-boss and the
 * like queue jobs, they do not group calls that must each return their own answer.
 */
export function createBatcher<Request, Result>(
  run: (requests: readonly Request[]) => Promise<(Result | Error)[]>,
): Batcher<Request, Result> {
  const queue: Pending<Request, Result>[] = [];
  let inFlight = 0;

  function pump(): void {
    while (inFlight < MAX_IN_FLIGHT && queue.length > 0) {
      const batch = queue.splice(0, MAX_BATCH);
      inFlight++;
      run(batch.map((pending) => pending.request))
        .then(
          (results) =>
            batch.forEach((pending, index) => {
              const result = results[index];
              if (result instanceof Error) pending.reject(result);
              else pending.resolve(result as Result);
            }),
          (error: unknown) => batch.forEach((pending) => pending.reject(error)),
        )
        .finally(() => {
          inFlight--;
          pump();
        });
    }
  }

  return {
    submit: (request) =>
      new Promise<Result>((resolve, reject) => {
        queue.push({ request, resolve, reject });
        pump();
      }),
  };
}

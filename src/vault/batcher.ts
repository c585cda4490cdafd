/** Statements of one kind in flight at once; further requests wait and go together in the next. */
export const MAX_IN_FLIGHT = 2;
/** Requests merged into one statement at most. */
export const MAX_BATCH = 64;

export interface Batcher<Request, Result> {
  submit(request: Request): Promise<Result>;
}

/**
 * The keys (accounts) that statements in flight hold, shared by every batcher of one door and by
 * its searches: a request whose key is held waits for a later statement, whichever batcher or
 * search holds it.
 */
export interface HeldKeys {
  has(key: string): boolean;
  hold(keys: readonly string[]): void;
  /**
   * Lets the keys go, each to the search that waited longest for it if one does, then wakes
   * every batcher: one of them may have requests waiting on a key let go.
   */
  release(keys: readonly string[]): void;
  /** Registers a batcher's pump, called on every release. */
  onRelease(pump: () => void): void;
  /** Runs `work` holding `key` (none: at once), as soon as no statement in flight holds it. */
  exclusive<T>(key: string | null, work: () => Promise<T>): Promise<T>;
}

export function createHeldKeys(): HeldKeys {
  const held = new Set<string>();
  const waiting = new Map<string, (() => void)[]>();
  const pumps: (() => void)[] = [];
  const release = (keys: readonly string[]) => {
    for (const key of keys) {
      const queue = waiting.get(key);
      const next = queue?.shift();
      if (queue?.length === 0) waiting.delete(key);
      // Handed over still held: no batcher takes the key before the search it was given to.
      if (next) next();
      else held.delete(key);
    }
    pumps.forEach((pump) => pump());
  };
  return {
    has: (key) => held.has(key),
    hold: (keys) => keys.forEach((key) => held.add(key)),
    release,
    onRelease: (pump) => void pumps.push(pump),
    async exclusive(key, work) {
      if (key === null) return work();
      if (held.has(key)) {
        await new Promise<void>((resolve) => waiting.set(key, [...(waiting.get(key) ?? []), resolve]));
      } else {
        held.add(key);
      }
      try {
        return await work();
      } finally {
        release([key]);
      }
    },
  };
}

export interface BatcherOptions<Request> {
  /** The key a request holds while its statement is in flight, or null for none. */
  keyOf(request: Request): string | null;
  held: HeldKeys;
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
 * A request whose key (its account) a statement in flight holds stays queued, in order, until
 * that statement ends: one account's reads are then never in two statements at once. Each
 * statement locks its accounts' guard rows until its commit, and two statements of the same
 * account, each first reading people the other reads next, would wait on each other until
 * PostgreSQL failed one; each would also decide on a snapshot without the other's signals. The
 * account's waiting reads leave together in its next statement, where they are decided one
 * after the other. Nothing is lost in throughput: they would have queued on the account's
 * counter row anyway. A search's statement holds its account the same way (`exclusive`). The
 * keys live in this process: another server process on the same database has its own.
 *
 * Hand-written: no library merges heterogeneous calls into one SQL statement; pg-boss and the
 * like queue jobs, they do not group calls that must each return their own answer.
 */
export function createBatcher<Request, Result>(
  run: (requests: readonly Request[]) => Promise<(Result | Error)[]>,
  options: BatcherOptions<Request>,
): Batcher<Request, Result> {
  const queue: Pending<Request, Result>[] = [];
  let inFlight = 0;

  /** The queued requests whose keys no statement in flight holds, up to a batch; the rest stay. */
  function take(): Pending<Request, Result>[] {
    const batch: Pending<Request, Result>[] = [];
    const rest: Pending<Request, Result>[] = [];
    for (const pending of queue) {
      const key = options.keyOf(pending.request);
      if (batch.length < MAX_BATCH && (key === null || !options.held.has(key))) batch.push(pending);
      else rest.push(pending);
    }
    queue.splice(0, queue.length, ...rest);
    return batch;
  }

  function pump(): void {
    while (inFlight < MAX_IN_FLIGHT && queue.length > 0) {
      const batch = take();
      if (batch.length === 0) return;
      const keys = [...new Set(batch.map((pending) => options.keyOf(pending.request)).filter((key) => key !== null))];
      options.held.hold(keys);
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
          options.held.release(keys);
        });
    }
  }
  options.held.onRelease(pump);

  return {
    submit: (request) =>
      new Promise<Result>((resolve, reject) => {
        queue.push({ request, resolve, reject });
        pump();
      }),
  };
}

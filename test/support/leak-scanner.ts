import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Looks for many plaintext values at once in raw bytes (database files, a dump), with an
 * Aho–Corasick automaton: one pass over each file, whatever the number of values. Matching
 * folds ASCII case; each value is also searched in NFC and NFD and in lower and upper case,
 * since a leak could hold any of these forms.
 */

/** A byte pattern and the value it stands for. */
interface Pattern {
  bytes: Buffer;
  label: string;
}

const fold = (byte: number) => (byte >= 65 && byte <= 90 ? byte + 32 : byte);

/** The byte forms under which `value` could be stored. */
export function byteForms(value: string): Buffer[] {
  const forms = new Set<string>();
  for (const cased of [value, value.toLowerCase(), value.toUpperCase()]) {
    for (const normal of ['NFC', 'NFD'] as const) forms.add(cased.normalize(normal));
  }
  const seen = new Set<string>();
  const out: Buffer[] = [];
  for (const form of forms) {
    const bytes = Buffer.from(Buffer.from(form, 'utf8').map(fold));
    if (!seen.has(bytes.toString('hex'))) {
      seen.add(bytes.toString('hex'));
      out.push(bytes);
    }
  }
  return out;
}

export class LeakScanner {
  private readonly next: Int32Array[] = [new Int32Array(256).fill(-1)];
  private readonly fail: number[] = [0];
  private readonly output: string[][] = [[]];

  constructor(values: readonly { value: string; label: string }[]) {
    const patterns: Pattern[] = values.flatMap(({ value, label }) =>
      byteForms(value).map((bytes) => ({ bytes, label })),
    );
    for (const pattern of patterns) this.add(pattern);
    this.link();
  }

  private add({ bytes, label }: Pattern): void {
    let state = 0;
    for (const byte of bytes) {
      let target = this.next[state]![byte]!;
      if (target === -1) {
        target = this.next.length;
        this.next.push(new Int32Array(256).fill(-1));
        this.fail.push(0);
        this.output.push([]);
        this.next[state]![byte] = target;
      }
      state = target;
    }
    this.output[state]!.push(label);
  }

  /** Breadth-first failure links, folded into a full transition table (a DFA). */
  private link(): void {
    const queue: number[] = [];
    for (let byte = 0; byte < 256; byte++) {
      const target = this.next[0]![byte]!;
      if (target === -1) this.next[0]![byte] = 0;
      else queue.push(target);
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      this.output[state]!.push(...this.output[this.fail[state]!]!);
      for (let byte = 0; byte < 256; byte++) {
        const target = this.next[state]![byte]!;
        if (target === -1) {
          this.next[state]![byte] = this.next[this.fail[state]!]![byte]!;
        } else {
          this.fail[target] = this.next[this.fail[state]!]![byte]!;
          queue.push(target);
        }
      }
    }
  }

  /** The labels of every value found in `bytes`. */
  scan(bytes: Uint8Array, found = new Set<string>()): Set<string> {
    let state = 0;
    const { next, output } = this;
    for (let i = 0; i < bytes.length; i++) {
      state = next[state]![fold(bytes[i]!)]!;
      const labels = output[state]!;
      if (labels.length > 0) for (const label of labels) found.add(label);
    }
    return found;
  }

  /** Scans every file under `dir`, recursively. */
  async scanDirectory(dir: string, found = new Set<string>()): Promise<Set<string>> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await this.scanDirectory(full, found);
      else if (entry.isFile()) this.scan(await readFile(full), found);
    }
    return found;
  }
}

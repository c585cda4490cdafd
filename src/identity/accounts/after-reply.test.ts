import { describe, expect, it } from 'vitest';
import { createLogger } from '../../http/logger.js';
import { createAfterReply } from './after-reply.js';

describe('work queued after the answer', () => {
  it('runs nothing before the current answer is written, then each task in order, one at a time', async () => {
    const queue = createAfterReply({ logger: createLogger({ level: 'silent' }) });
    const ran: string[] = [];
    let running = 0;
    const task = (name: string) => async () => {
      running += 1;
      expect(running).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 5));
      ran.push(name);
      running -= 1;
    };
    expect(queue.push('a', task('a'))).toBe(true);
    expect(queue.push('b', task('b'))).toBe(true);
    await Promise.resolve(); // the reply's own microtasks
    expect(ran).toEqual([]);
    await queue.drain();
    expect(ran).toEqual(['a', 'b']);
  });

  it('refuses a task when full, and goes on after a failed one', async () => {
    const queue = createAfterReply({ logger: createLogger({ level: 'silent' }), max: 2 });
    const ran: string[] = [];
    expect(queue.push('échoue', () => Promise.reject(new Error('boom')))).toBe(true);
    expect(queue.push('suivante', async () => void ran.push('suivante'))).toBe(true);
    expect(queue.push('de trop', async () => void ran.push('de trop'))).toBe(false);
    await queue.drain();
    expect(ran).toEqual(['suivante']);
    expect(queue.push('encore', async () => void ran.push('encore'))).toBe(true);
    await queue.drain();
    expect(ran).toEqual(['suivante', 'encore']);
  });
});

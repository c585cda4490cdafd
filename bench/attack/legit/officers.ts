import { liftSuspension } from '../../../src/identity/accounts/suspensions.js';
import type { Actor } from '../../../src/vault/index.js';
import type { SimServer } from '../server.js';
import type { World } from '../world.js';

/**
 * The platform's two administrators, as the harness's officers: after a suspension of someone
 * doing legitimate work, they check with the person and lift it the next morning, one asking
 * and the other confirming (the two-person rule of src/identity/accounts/suspensions.ts), so
 * that the month goes on and every suspension is counted where it happened.
 */
export function officers(server: SimServer, world: World) {
  const [first, second] = world.seed.plan.staff.admins.map((admin): Actor => ({
    kind: 'account',
    accountId: admin.id,
    role: 'admin',
    organisationId: admin.organisationId,
    personId: null,
    sessionId: null,
    clientAddr: '127.0.0.1',
  }));
  const { db, clock, random, accessLog } = server.platform;
  return {
    async lift(accountId: string): Promise<void> {
      await liftSuspension({ db, clock, random, accessLog }, first!, accountId);
      await liftSuspension({ db, clock, random, accessLog }, second!, accountId);
    },
    async isSuspended(accountId: string): Promise<boolean> {
      const { rows } = await db.query<{ status: string }>('SELECT status FROM accounts WHERE id = $1', [accountId]);
      return rows[0]?.status === 'suspended';
    },
  };
}

export type Officers = ReturnType<typeof officers>;

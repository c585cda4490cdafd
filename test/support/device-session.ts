import { addressTag } from '../../src/crypto/address-tag.js';
import type { Db } from '../../src/db/client.js';
import type { DeviceClient } from '../../src/identity/client/proof-client.js';
import { parseDeviceKey } from '../../src/identity/sessions/device-proof.js';
import { createSession } from '../../src/identity/sessions/session-store.js';
import { testAddressTagKey } from '../../src/http/test-helpers.js';
import { systemRandom } from '../../src/kernel/random.js';
import type { Role } from '../../src/kernel/roles.js';

/**
 * A session of the account opened without the login pages, as a login would leave it: bound
 * to `device`'s key, to the network of `addr` and to the browser `userAgent`, its second factor
 * checked at `mfaAt` (at `now` unless said). Returns the value of the `__Host-rempart` cookie.
 */
export async function deviceSession(
  db: Db,
  input: {
    accountId: string;
    role: Role;
    device: DeviceClient;
    addr: string;
    userAgent: string;
    now: Date;
    mfaAt?: Date;
  },
): Promise<string> {
  const session = await createSession(db, {
    accountId: input.accountId,
    role: input.role,
    deviceKey: parseDeviceKey(input.device.publicJwk)!,
    addrTag: addressTag(testAddressTagKey, input.addr),
    userAgent: input.userAgent,
    mfaAt: input.mfaAt ?? input.now,
    now: input.now,
    random: systemRandom,
  });
  return session.cookie;
}

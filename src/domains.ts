import { registerAdvisingRoutes } from './advising/index.js';
import type { AccessLog } from './audit/index.js';
import { registerCandidatesRoutes } from './candidates/index.js';
import { registerPrivacyRoutes } from './privacy/index.js';
import type { Db } from './db/client.js';
import type { Web } from './http/kit/index.js';
import type { Clock } from './kernel/clock.js';
import type { Random } from './kernel/random.js';
import type { NotifyAccount } from './mail/index.js';
import { registerTrainingRoutes } from './training/index.js';
import { registerJobSeekerRoutes } from './job-seekers/index.js';
import type { Vault } from './vault/index.js';
import { registerOfferRoutes } from './offers/index.js';
import { registerRecruitingRoutes } from './recruiting/index.js';
import { registerSecurityRoutes } from './security/index.js';

/**
 * What a domain's routes get from the composition root: the one door (`vault`), its own
 * non-personal tables (`db`), the log, the outbox, and time. Nothing else: a domain that needs
 * another domain's service takes it from that domain's index.ts.
 */
export interface DomainDeps {
  db: Db;
  vault: Vault;
  accessLog: AccessLog;
  clock: Clock;
  random: Random;
  /** Queues an e-mail to an account through the outbox (its link, if any, minted at delivery). */
  notify: NotifyAccount;
  mode: 'demo' | 'production';
  /** The platform's public address, for the links that leave it (mail, OpenAPI servers). */
  publicUrl: string;
}

/** A domain's route registration: its pages, forms and API on the kit, and its role homes. */
export type RegisterRoutes = (web: Web, deps: DomainDeps) => void;

/**
 * Every domain's routes, registered after identity's by the composition root (src/http/app.ts).
 * A portal adds its own line here, as it adds its purposes to src/purposes.ts.
 */
export const domainRoutes: readonly RegisterRoutes[] = [
  registerOfferRoutes,
  registerCandidatesRoutes,
  registerPrivacyRoutes,
  registerRecruitingRoutes,
  registerTrainingRoutes,
  registerAdvisingRoutes,
  registerJobSeekerRoutes,
  registerSecurityRoutes,
];

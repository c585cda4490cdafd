export { newTotpSecret } from './new-secret.js';
export { TOTP_PARAMS, totpStep } from './params.js';
export { totpUri } from './uri.js';
export { verifyTotp, type TotpResult } from './verify.js';

/**
 * The error catalogue: every error a user or API client can see has a stable code, an HTTP
 * status and a French message. `docs/errors.md` lists the same codes; a test keeps both in step.
 * Messages never carry personal data: details go to structured logs as ids only. They follow
 * French typography: a non-breaking space (U+00A0) before « : ; ! ? ».
 */
export const errorCatalogue = {
  BAD_REQUEST: { status: 400, message: 'La requête est mal formée.' },
  INVALID_JSON: { status: 400, message: 'Le corps de la requête n’est pas un JSON valide.' },
  VALIDATION_FAILED: { status: 400, message: 'Les données envoyées ne respectent pas le format attendu.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Ce type de contenu n’est pas accepté.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'Le corps de la requête est trop volumineux.' },
  HEADERS_TOO_LARGE: { status: 431, message: 'Les en-têtes de la requête sont trop volumineux.' },
  REQUEST_TIMEOUT: { status: 408, message: 'La requête n’est pas arrivée à temps. Veuillez réessayer.' },
  UNAUTHENTICATED: { status: 401, message: 'Vous devez vous connecter pour accéder à cette ressource.' },
  FORBIDDEN: { status: 403, message: 'Vous n’avez pas le droit d’effectuer cette action.' },
  INVALID_CREDENTIALS: { status: 401, message: 'Adresse électronique ou mot de passe incorrect.' },
  MFA_INVALID: { status: 401, message: 'Code incorrect ou déjà utilisé. Veuillez réessayer.' },
  LOGIN_EXPIRED: { status: 401, message: 'La connexion a expiré. Veuillez recommencer depuis le début.' },
  PASSKEY_INVALID: {
    status: 401,
    message: 'La clé d’accès n’a pas pu être vérifiée. Réessayez, ou utilisez un autre moyen de connexion.',
  },
  LAST_FACTOR: {
    status: 409,
    message: 'Vous ne pouvez pas retirer votre dernier moyen de vérification : ajoutez-en d’abord un autre.',
  },
  INVITATION_INVALID: {
    status: 400,
    message: 'Ce lien d’invitation a déjà servi ou a expiré. Demandez-en un nouveau à votre gestionnaire de comptes.',
  },
  DEVICE_KEY_REQUIRED: {
    status: 400,
    message: 'La clé de votre appareil n’a pas pu être créée. Activez JavaScript et utilisez un navigateur récent.',
  },
  PROOF_REQUIRED: {
    status: 401,
    message: 'Cette requête doit porter une preuve signée par la clé de votre appareil (en-tête Rempart-Proof).',
  },
  PROOF_INVALID: {
    status: 401,
    message:
      'La preuve de votre appareil est invalide, périmée ou déjà utilisée. Demandez un nouveau nonce et réessayez.',
  },
  SESSION_EXPIRED: { status: 401, message: 'Votre session a expiré. Veuillez vous reconnecter.' },
  DEVICE_VERIFICATION_REQUIRED: {
    status: 403,
    message:
      'Votre session est utilisée depuis un autre réseau ou un autre navigateur : confirmez votre identité avec votre clé d’accès ou votre code TOTP.',
  },
  STEP_UP_REQUIRED: {
    status: 403,
    message: 'Cette action demande une nouvelle vérification de votre identité (clé d’accès ou code TOTP).',
  },
  READ_BUDGET_EXCEEDED: {
    status: 429,
    message: 'Vous avez atteint le nombre maximal de personnes consultables sur cette période.',
  },
  ACCOUNT_SUSPENDED: {
    status: 403,
    message:
      'Votre compte est suspendu par la sécurité de la plateforme. Contactez votre responsable ou le responsable de la sécurité.',
  },
  ACCESS_CLOSED: {
    status: 403,
    message: 'L’accès à ces données est fermé pour le moment par la sécurité de la plateforme.',
  },
  NOT_FOUND: { status: 404, message: 'La ressource demandée est introuvable.' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'Cette méthode n’est pas permise sur cette ressource.' },
  NOT_IMPLEMENTED: { status: 501, message: 'Cette méthode HTTP n’est pas prise en charge.' },
  TOO_MANY_REQUESTS: { status: 429, message: 'Trop de requêtes : veuillez patienter avant de réessayer.' },
  FIELD_NOT_ALLOWED: { status: 403, message: 'Un des champs demandés ne vous est pas accessible.' },
  AUDIT_FAILED: {
    status: 503,
    message: 'La consultation a été refusée car elle n’a pas pu être journalisée.',
  },
  DECRYPTION_FAILED: { status: 500, message: 'Une donnée chiffrée n’a pas pu être lue. L’incident est signalé.' },
  SERVICE_UNAVAILABLE: { status: 503, message: 'Le service est momentanément indisponible.' },
  INTERNAL: { status: 500, message: 'Une erreur interne est survenue. Veuillez réessayer plus tard.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** An error from the catalogue. `detail` is for logs only and must hold no personal data. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly detail: string | undefined;

  constructor(code: ErrorCode, detail?: string) {
    super(errorCatalogue[code].message);
    this.name = 'AppError';
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.detail = detail;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

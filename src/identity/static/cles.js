// rempart — passkeys (WebAuthn) on our pages, through @simplewebauthn/browser, which
// /static/webauthn.js serves from our origin (CSP 'self', no inline script).
// A form marked `data-cle="connexion|verification|enregistrement"` runs one ceremony when
// submitted: it asks the server for options, lets the browser talk to the authenticator, and
// sends the answer back. The server says where to go next.

const webauthn = window.SimpleWebAuthnBrowser;

const messages = {
  unsupported:
    'Ce navigateur ne permet pas d’utiliser une clé d’accès. Utilisez un navigateur récent ou un autre moyen de connexion.',
  cancelled: 'L’opération a été annulée ou a pris trop de temps. Vous pouvez réessayer.',
  duplicate: 'Cet authentificateur porte déjà une clé d’accès de votre compte.',
  failed: 'La clé d’accès n’a pas pu être vérifiée. Réessayez, ou utilisez un autre moyen de connexion.',
};

/** An answer of our server: its catalogue message is French, and the only one shown as is. */
class ServerError extends Error {
  constructor(code, message) {
    super(typeof message === 'string' && message ? message : messages.failed);
    this.code = code;
  }
}

async function postJson(url, body, csrf) {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
    body: JSON.stringify(body),
  });
  if (!(response.headers.get('content-type') ?? '').includes('application/json')) {
    // A page instead of an answer: the session must first prove this device again.
    window.location.reload();
    return new Promise(() => undefined);
  }
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new ServerError(data?.error?.code, data?.error?.message);
  return data;
}

/** The form's own fields (name of the passkey, invitation token), without the CSRF token. */
function fieldsOf(form) {
  const fields = {};
  for (const [name, value] of new FormData(form)) if (name !== '_csrf') fields[name] = String(value);
  return fields;
}

const ceremonies = {
  async connexion(form, csrf) {
    const { options } = await postJson(form.dataset.cleOptions, {}, csrf);
    const response = await webauthn.startAuthentication({ optionsJSON: options });
    // A session opened by a passkey is bound to this device like any other (appareil.js).
    const deviceKey = await window.rempartAppareil.newDeviceKey();
    return postJson(form.action, { response, device_key: deviceKey }, csrf);
  },
  async verification(form, csrf) {
    const { options } = await postJson(form.dataset.cleOptions, {}, csrf);
    const response = await webauthn.startAuthentication({ optionsJSON: options });
    return postJson(form.action, { ...fieldsOf(form), response }, csrf);
  },
  async enregistrement(form, csrf) {
    const fields = fieldsOf(form);
    const { options } = await postJson(form.dataset.cleOptions, fields, csrf);
    const response = await webauthn.startRegistration({ optionsJSON: options });
    return postJson(form.action, { ...fields, response }, csrf);
  },
};

/**
 * Our server's messages are French already; the browser's and SimpleWebAuthn's are English
 * (and SimpleWebAuthn's errors carry a `code` too), so they are translated by their name.
 */
function explain(error) {
  if (error instanceof ServerError) return error.message;
  if (error.name === 'NotAllowedError' || error.name === 'AbortError') return messages.cancelled;
  if (error.name === 'InvalidStateError') return messages.duplicate;
  return messages.failed;
}

function showError(form, message) {
  const zone = form.querySelector('[data-cle-erreur]');
  if (!zone) return;
  zone.querySelector('p').textContent = message;
  zone.hidden = false;
}

function arm(form) {
  const ceremony = ceremonies[form.dataset.cle];
  if (!ceremony) return;
  if (!webauthn?.browserSupportsWebAuthn()) {
    showError(form, messages.unsupported);
    for (const button of form.querySelectorAll('button')) button.disabled = true;
    return;
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    if (button) button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    const csrf = form.querySelector('input[name="_csrf"]')?.value ?? '';
    try {
      const result = await ceremony(form, csrf);
      window.location.assign(result.redirect);
    } catch (error) {
      if (error instanceof ServerError && error.code === 'STEP_UP_REQUIRED') {
        const back = `${window.location.pathname}${window.location.search}`;
        window.location.assign(`/compte/verification?retour=${encodeURIComponent(back)}`);
        return;
      }
      showError(form, explain(error));
    } finally {
      if (button) button.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });
}

for (const form of document.querySelectorAll('form[data-cle]')) arm(form);

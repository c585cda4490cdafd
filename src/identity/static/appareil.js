// rempart — the device key of this browser (see docs/device-sessions.md).
// At login, makes a non-extractable ECDSA P-256 key, keeps it in IndexedDB and sends its public
// half with the form. While a session is open, proves every four minutes that this browser
// still holds the key, so that the session cookie stays trusted here and nowhere else.
// Served from our origin: the CSP allows no inline script.

const DB_NAME = 'rempart';
const STORE = 'cles';
const KEY_NAME = 'appareil';
const RENEW_EVERY_MS = 4 * 60 * 1000;

function openStore() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function storeKey(pair) {
  const db = await openStore();
  await new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).put(pair, KEY_NAME);
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
}

async function loadKey() {
  const db = await openStore();
  return new Promise((resolve, reject) => {
    const request = db.transaction(STORE, 'readonly').objectStore(STORE).get(KEY_NAME);
    request.onsuccess = () => resolve(request.result ?? null);
    request.onerror = () => reject(request.error);
  });
}

/** A fresh key for each login: the private half can never be exported, not even by us. */
async function newDeviceKey() {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  await storeKey(pair);
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return JSON.stringify({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y });
}

function base64url(bytes) {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const encoder = new TextEncoder();

/** A proof for one request, as the server expects it (compact JWS, ES256). */
async function signProof(pair, method, path, nonce) {
  const header = base64url(encoder.encode(JSON.stringify({ alg: 'ES256', typ: 'rempart-proof+jwt' })));
  const claims = {
    htm: method,
    htu: path,
    iat: Math.floor(Date.now() / 1000),
    nonce,
    jti: base64url(crypto.getRandomValues(new Uint8Array(18))),
  };
  const input = `${header}.${base64url(encoder.encode(JSON.stringify(claims)))}`;
  const signature = await crypto.subtle.sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    pair.privateKey,
    encoder.encode(input),
  );
  return `${input}.${base64url(new Uint8Array(signature))}`;
}

/**
 * Proves to the server that this browser holds the session's device key: 'ok', 'verify' when a
 * professional session is used from another network or browser and its second factor must be
 * checked here first, or 'refused'.
 */
async function proveDevice() {
  const pair = await loadKey();
  if (!pair) return 'refused';
  const nonceResponse = await fetch('/session/nonce', { credentials: 'same-origin', cache: 'no-store' });
  if (!nonceResponse.ok) return 'refused';
  const { nonce } = await nonceResponse.json();
  const proof = await signProof(pair, 'POST', '/session/preuve', nonce);
  const response = await fetch('/session/preuve', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'rempart-proof': proof },
  });
  if (response.ok) return 'ok';
  const answer = await response.json().catch(() => null);
  return answer?.error?.code === 'DEVICE_VERIFICATION_REQUIRED' ? 'verify' : 'refused';
}

/** Forms that open a session carry the public half of a new device key. */
function armLoginForms() {
  for (const form of document.querySelectorAll('form[data-cle-appareil]')) {
    form.addEventListener('submit', async (event) => {
      const field = form.querySelector('input[name="device_key"]');
      if (!field || field.value) return;
      event.preventDefault();
      field.value = await newDeviceKey();
      form.requestSubmit(event.submitter ?? undefined);
    });
  }
}

async function main() {
  armLoginForms();
  window.rempartAppareil = { newDeviceKey, loadKey, signProof, proveDevice };
  if (document.body.dataset.reverifier !== undefined) {
    const outcome = await proveDevice().catch(() => 'refused');
    if (outcome === 'ok') window.location.reload();
    else if (outcome === 'verify') {
      const retour = `${window.location.pathname}${window.location.search}`;
      window.location.assign(`/compte/verification?retour=${encodeURIComponent(retour)}`);
    } else window.location.assign('/connexion?session=expiree');
    return;
  }
  if (document.querySelector('meta[name="rempart-session"]')) {
    setInterval(() => proveDevice().catch(() => undefined), RENEW_EVERY_MS);
  }
}

main();

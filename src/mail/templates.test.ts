import { describe, expect, it } from 'vitest';
import { TOKEN_TTL_MS } from '../identity/tokens.js';
import { MailParamsError } from './params.js';
import { checkQueuedMail, renderMail } from './render.js';
import { templates, type TemplateName } from './templates.js';

const link = 'https://rempart.test/compte/confirmer?jeton=Zm9vYmFy-abc_123';
const when = '2026-11-20T09:00:00.000Z';

/** Valid queued parameters for every template. */
const samples: Record<TemplateName, Record<string, string>> = {
  verify_email: {},
  invitation: { role: 'of_user' },
  reset_password: {},
  new_device_login: { when, device: 'Firefox sur Linux' },
  mfa_changed: { change: 'passkey_added', when },
  password_changed: { when },
  staff_new_session: { when, device: 'Chrome sur Windows' },
  session_moved: { when, device: 'Chrome sur Android' },
  session_move_held: { when, device: 'Firefox sur Windows' },
  guard_suspension: { when, role: 'of_user' },
  offer_alert: { count: '3' },
  application_status: { link: 'https://rempart.test/candidat/candidatures' },
  application_message: { link: 'https://rempart.test/candidat/candidatures' },
  declarations_due: {},
  declarations_overdue: {},
};

const names = Object.keys(templates) as TemplateName[];
/** The link minted at delivery, for the templates that carry one. */
const linkOf = (name: TemplateName) => (templates[name].link ? link : undefined);
const render = (name: TemplateName, params: Record<string, unknown> = samples[name]) =>
  renderMail(name, params, linkOf(name));

describe('mail templates', () => {
  it('has a sample for every template', () => {
    expect(Object.keys(samples).sort()).toEqual([...names].sort());
  });

  it.each(names)('%s renders in French, as text and HTML, with "[rempart]" in the subject', (name) => {
    const mail = render(name);
    expect(mail.subject.startsWith('[rempart] ')).toBe(true);
    expect(mail.html).toContain('<html lang="fr">');
    expect(mail.text).toMatch(/^Bonjour,/);
    // Each message says what to do when it was not you.
    expect(mail.text).toMatch(/ce n’était pas vous|n’êtes pas à l’origine|n’attendiez pas/);
    expect(mail.text).toMatch(/responsable sécurité|mot de passe|ignorez ce message/);
    expect(mail.text).toContain('rempart ne vous demandera jamais votre mot de passe');
    // French typography: curly apostrophes, never the typewriter one.
    expect(`${mail.subject}${mail.text}`).not.toContain("'");
    if (linkOf(name)) {
      expect(mail.text).toContain(`\n${link}`);
      expect(mail.html).toContain(`href="${link.replace(/&/g, '&amp;')}"`);
    }
  });

  it('states each link’s real lifetime, from the same constant as the tokens and the pages', () => {
    expect(TOKEN_TTL_MS).toEqual({ verify_email: 24 * 3600_000, reset_password: 3600_000, invitation: 72 * 3600_000 });
    expect(render('verify_email').text).toContain('Il ne sert qu’une fois et expire dans 24 heures.');
    expect(render('reset_password').text).toContain('Il ne sert qu’une fois et expire dans une heure.');
    expect(render('invitation').text).toContain('Le lien ne sert qu’une fois et expire dans 3 jours.');
    for (const name of names) expect(render(name).text).not.toContain('rapidement');
  });

  it('queues no link: it is minted at delivery, required then, and refused where none belongs', () => {
    for (const name of names.filter((n) => linkOf(n))) {
      expect(() => checkQueuedMail(name, { ...samples[name], link })).toThrow(/paramètres inconnus \(link\)/);
      expect(() => renderMail(name, samples[name])).toThrow(/lien manquant ou invalide/);
    }
    expect(() => renderMail('password_changed', { when }, link)).toThrow(/lien inattendu/);
  });

  it('writes dates in French, in Paris time', () => {
    const mail = render('password_changed', { when });
    expect(mail.text).toContain('vendredi 20 novembre 2026 à 10:00 (heure de Paris)');
  });

  it('turns codes into French words', () => {
    expect(render('invitation', { role: 'of_manager' }).text).toContain(
      '« responsable des comptes de l’organisme de formation »',
    );
    expect(renderMail('mfa_changed', { change: 'totp_disabled', when }).text).toContain(
      'l’application d’authentification (code TOTP) a été désactivée',
    );
  });

  it('escapes parameters in the HTML', () => {
    const device = renderMail('new_device_login', { when, device: '<script>alert(1)</script> & "co"' });
    expect(device.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;');
    expect(device.html).not.toContain('<script>');
    const hostile = 'https://rempart.test/x?a="><img src=x onerror=alert(1)>';
    const reset = renderMail('reset_password', {}, hostile);
    expect(reset.html).not.toContain('<img');
    expect(reset.html).toContain('href="https://rempart.test/x?a=&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
  });

  it('lets a recruiting notice link to a page, never with an id, a query or an address in it', () => {
    const page = 'https://rempart.test/candidat/candidatures';
    expect(render('application_message').text).toContain(`Voir mes candidatures :\n${page}`);
    for (const bad of [`${page}?id=4f1c`, `${page}#c4f1c`, 'https://x:y@rempart.test/', 'javascript:alert(1)']) {
      expect(() => checkQueuedMail('application_message', { link: bad })).toThrow(MailParamsError);
    }
  });

  it('refuses an unknown template', () => {
    expect(() => renderMail('bienvenue', {})).toThrow(MailParamsError);
  });

  it.each(names)('%s refuses an unknown parameter and a missing one', (name) => {
    expect(() => render(name, { ...samples[name], name: 'Éloïse' })).toThrow(/paramètres inconnus \(name\)/);
    const [first] = Object.keys(samples[name]);
    if (!first) return;
    const missing = Object.fromEntries(Object.entries(samples[name]).filter(([key]) => key !== first));
    expect(() => render(name, missing)).toThrow(new RegExp(`« ${first} » manquant`));
  });

  it.each([
    ['an address in a link', 'reset_password', {}, 'https://rempart.test/r?pour=eloise@exemple.fr'],
    ['credentials in a link', 'reset_password', {}, 'https://moi:secret@rempart.test/r'],
    ['a javascript: link', 'verify_email', {}, 'javascript:alert(1)'],
    ['a relative link', 'verify_email', {}, '/compte/confirmer?jeton=abc'],
    ['a date that is not ISO 8601', 'password_changed', { when: '20/11/2026' }, undefined],
    ['a device label with a line break', 'new_device_login', { when, device: 'Firefox\nBonjour' }, undefined],
    ['an address as a device label', 'staff_new_session', { when, device: 'eloise@exemple.fr' }, undefined],
    ['an unknown role', 'invitation', { role: 'superuser' }, link],
    ['an unknown change', 'mfa_changed', { change: 'tout', when }, undefined],
    ['a value that is not text', 'password_changed', { when: 42 }, undefined],
  ])('refuses %s, without quoting the value', (_label, name, params, minted) => {
    let error: unknown;
    try {
      renderMail(name, params, minted);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MailParamsError);
    for (const value of [...Object.values(params), ...(minted ? [minted] : [])]) {
      expect((error as Error).message).not.toContain(String(value));
    }
  });
});

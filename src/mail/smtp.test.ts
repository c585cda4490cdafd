import { describe, expect, it } from 'vitest';
import { mailFromSchema, parseSmtpUrl, smtpUrlSchema } from './smtp.js';

describe('SMTP_URL', () => {
  it('reads smtps:// with credentials and the implicit TLS port', () => {
    expect(parseSmtpUrl('smtps://rempart%40relai:p%C3%A2ss%3Aw@smtp.exemple.fr')).toEqual({
      host: 'smtp.exemple.fr',
      port: 465,
      secure: true,
      user: 'rempart@relai',
      password: 'pâss:w',
    });
  });

  it('reads smtp:// with a port and no credentials', () => {
    expect(parseSmtpUrl('smtp://127.0.0.1:2525')).toEqual({
      host: '127.0.0.1',
      port: 2525,
      secure: false,
      user: undefined,
      password: undefined,
    });
    expect(parseSmtpUrl('smtp://[::1]').host).toBe('::1');
    expect(parseSmtpUrl('smtp://relai.interne').port).toBe(587);
  });

  it.each([
    ['pas une adresse', /lisible/],
    ['http://smtp.exemple.fr', /smtp:\/\/ ou smtps:\/\//],
    ['smtp://smtp.exemple.fr/boite', /ni chemin/],
    ['smtp://smtp.exemple.fr?tls=non', /ni paramètres/],
    ['smtp://:secret@smtp.exemple.fr', /sans utilisateur/],
  ])('refuses %s with a French message that does not repeat the URL', (value, reason) => {
    expect(() => parseSmtpUrl(value)).toThrow(reason);
    try {
      parseSmtpUrl(value);
    } catch (error) {
      expect((error as Error).message).toMatch(/^SMTP_URL est invalide : /);
      expect((error as Error).message).not.toContain('secret');
    }
  });

  it('gives the configuration schema the same answer', () => {
    expect(smtpUrlSchema.safeParse('smtps://smtp.exemple.fr').success).toBe(true);
    const result = smtpUrlSchema.safeParse('ftp://smtp.exemple.fr');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/^SMTP_URL est invalide/);
  });
});

describe('MAIL_FROM', () => {
  it.each(['ne-pas-repondre@rempart.fr', 'rempart <ne-pas-repondre@rempart.fr>'])('accepts %s', (value) => {
    expect(mailFromSchema.safeParse(value).success).toBe(true);
  });

  it.each(['rempart', 'a@b.fr\r\nBcc: x@y.fr', 'rempart <pas une adresse>'])('refuses %j', (value) => {
    expect(mailFromSchema.safeParse(value).success).toBe(false);
  });
});

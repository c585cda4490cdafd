import { describe, expect, it } from 'vitest';
import type { DemoAccountEntry } from '../seed/index.js';
import { readyMessage } from './ready-message.js';

const account = (role: DemoAccountEntry['role'], roleLabel: string, extra: Partial<DemoAccountEntry> = {}) => ({
  role,
  roleLabel,
  email: `${role}@demo.rempart.test`,
  password: 'x',
  organisation: null,
  ...extra,
});

describe('the message once rempart listens', () => {
  it('is only the ready line outside demo mode', () => {
    expect(readyMessage('http://localhost:3000/', undefined)).toBe('rempart est prêt\u00a0: http://localhost:3000/\n');
  });

  it('says what to do next in demo mode, with PUBLIC_URL’s links, in French typography, ready line last', () => {
    const message = readyMessage('http://localhost:3000/', {
      file: '/srv/data/demo-accounts.json',
      publicUrl: 'http://rempart.localhost:3000',
      accounts: [
        account('recruiter', 'Recruteur', { totpSecret: 'A'.repeat(32) }),
        account('of_user', 'Utilisateur d’organisme de formation', { totpSecret: 'B'.repeat(32) }),
        account('admin', 'Administrateur de la plateforme', {
          invitationLink: 'http://rempart.localhost:3000/invitation/abc',
        }),
        account('candidate', 'Candidat'),
      ],
    });
    const lines = message.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('rempart est prêt\u00a0: http://localhost:3000/');
    expect(message).toContain('mot de passe\u00a0: /srv/data/demo-accounts.json');
    expect(message).toContain('Recruteur et utilisateur d’organisme de formation\u00a0: leur secret');
    expect(lines).toContain('      Administrateur de la plateforme  http://rempart.localhost:3000/invitation/abc');
    expect(message).toContain('envoyés\u00a0: http://rempart.localhost:3000/demo/boite-mail');
    expect(message).not.toMatch(/ [:;]/);
  });
});

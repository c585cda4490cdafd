import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { provisionTestMachine, thisMachine, type Machine, type TestPackage } from '../scripts/provision-chromium-postgresql.js';

/** A machine where `installs` says what apt-get would bring; it records every command run. */
function fakeMachine(options: {
  missing: TestPackage[];
  installer: ReturnType<Machine['installer']>;
  installs?: boolean;
}) {
  let missing = [...options.missing];
  const commands: string[][] = [];
  const err = new PassThrough();
  let said = '';
  err.on('data', (chunk: Buffer) => (said += chunk.toString()));
  const machine: Machine = {
    missing: () => [...missing],
    installer: () => options.installer,
    run: (command) => {
      commands.push([...command]);
      if (command.includes('install') && options.installs !== false) missing = [];
      return 0;
    },
    err,
  };
  return { machine, commands, said: () => said };
}

describe('npm test on a fresh machine', () => {
  it('does nothing when Chromium and PostgreSQL are there', () => {
    const fake = fakeMachine({ missing: [], installer: 'none' });
    expect(provisionTestMachine(fake.machine)).toBe(0);
    expect(fake.commands).toEqual([]);
    expect(fake.said()).toBe('');
  });

  it('installs the missing Debian packages as root', () => {
    const fake = fakeMachine({ missing: ['chromium', 'postgresql'], installer: 'root' });
    expect(provisionTestMachine(fake.machine)).toBe(0);
    expect(fake.commands).toEqual([
      ['apt-get', 'update', '-qq'],
      ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'chromium', 'postgresql'],
    ]);
  });

  it('installs through a passwordless sudo, and only what is missing', () => {
    const fake = fakeMachine({ missing: ['postgresql'], installer: 'sudo' });
    expect(provisionTestMachine(fake.machine)).toBe(0);
    expect(fake.commands[1]).toEqual([
      'sudo',
      '-n',
      'env',
      'DEBIAN_FRONTEND=noninteractive',
      'apt-get',
      'install',
      '-y',
      '-qq',
      '--no-install-recommends',
      'postgresql',
    ]);
  });

  it('stops at once with one French line naming the command when it may not install', () => {
    const fake = fakeMachine({ missing: ['chromium'], installer: 'none' });
    expect(provisionTestMachine(fake.machine)).toBe(1);
    expect(fake.commands).toEqual([]);
    const lines = fake.said().split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('«\u00a0sudo apt-get install -y chromium\u00a0»');
    expect(lines[0]).toMatch(/^Tests impossibles\u00a0: chromium manque /);
  });

  it('says so in one line when the installation did not bring the programs', () => {
    const fake = fakeMachine({ missing: ['chromium', 'postgresql'], installer: 'root', installs: false });
    expect(provisionTestMachine(fake.machine)).toBe(1);
    const refusal = fake
      .said()
      .split('\n')
      .filter((line) => line.startsWith('Tests impossibles'));
    expect(refusal).toHaveLength(1);
    expect(refusal[0]).toContain('sudo apt-get install -y chromium postgresql');
  });

  it('finds this machine’s Chromium and PostgreSQL where the test setup looks for them', () => {
    // The suite is running, so both are here: a probe that missed them would reinstall every time.
    expect(thisMachine.missing()).toEqual([]);
  });
});

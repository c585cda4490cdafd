import type { DomainDeps } from '../domains.js';
import type { Actor } from '../vault/index.js';
import { officerOf } from './officer.js';
import { accountHref, accountLabel, count } from './security.presenter.js';
import { accountStatusLabel } from './security.labels.js';
import { chartWindow, dailyReads, organisationReads, topReaders } from './security.queries.js';

/*
 * The console's three charts and the tables that carry the same figures: a chart is drawn in
 * the browser from the data its page holds, and the table beside it says the same in text, so
 * nothing is lost without the script, a screen or sight (RGAA 1.3 and 4.1: an alternative to
 * every non-text content).
 */

/** What the page script draws: labels along one axis, one series of numbers per line or bar set. */
export interface ChartData {
  kind: 'line' | 'bar';
  labels: string[];
  series: { label: string; values: number[] }[];
}

export interface ReaderLine {
  href: string;
  account: string;
  status: string;
  people: string;
  reads: string;
  refused: string;
  /** People read each day of the window, as text for the table. */
  byDay: string[];
}

export interface OrganisationLine {
  name: string;
  people: string;
  accounts: string;
}

export interface ChartsView {
  /** The days of the window, in words (« lun. 16 nov. »), oldest first. */
  days: string[];
  readers: ReaderLine[];
  organisations: OrganisationLine[];
  overTime: ChartData;
  perOrganisation: ChartData;
  top: ChartData;
}

const shortDay = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});

/** The last days' reads: the top readers day by day, the organisations, the top readers. */
export async function loadCharts(deps: Pick<DomainDeps, 'db' | 'clock'>, actor: Actor): Promise<ChartsView> {
  officerOf(actor);
  const window = chartWindow(deps.clock.now());
  const [top, organisations] = await Promise.all([topReaders(deps.db, window), organisationReads(deps.db, window)]);
  const daily = await dailyReads(
    deps.db,
    window,
    top.map((row) => row.accountId),
  );
  const perDay = (accountId: string) =>
    window.days.map((day) => daily.find((row) => row.accountId === accountId && row.day === day)?.people ?? 0);
  const days = window.days.map((day) => shortDay.format(new Date(`${day}T12:00:00Z`)));
  // The charts name an account by its short id, which its line of the table spells out.
  const labelled = top.map((row) => ({
    row,
    label: accountLabel(row),
    short: `n° ${row.accountId.slice(0, 8)}`,
    values: perDay(row.accountId),
  }));
  return {
    days,
    readers: labelled.map(({ row, label, values }) => ({
      href: accountHref(row.accountId),
      account: label,
      status: accountStatusLabel(row.status),
      people: count(row.people),
      reads: count(row.reads),
      refused: count(row.refused),
      byDay: values.map(count),
    })),
    organisations: organisations.map((row) => ({
      name: row.name,
      people: count(row.people),
      accounts: count(row.accounts),
    })),
    overTime: {
      kind: 'line',
      labels: days,
      series: labelled.map(({ short, values }) => ({ label: short, values })),
    },
    perOrganisation: {
      kind: 'bar',
      labels: organisations.map((row) => row.name),
      series: [{ label: 'Personnes consultées', values: organisations.map((row) => row.people) }],
    },
    top: {
      kind: 'bar',
      labels: labelled.map(({ short }) => short),
      series: [{ label: 'Personnes consultées', values: top.map((row) => row.people) }],
    },
  };
}

import type { LegitStats } from '../worker.js';

/** Step-ups asked by the guard, as a share of the user-days worked, in percent. */
export function stepUpShare(stats: LegitStats): number {
  return stats.userDays.size === 0 ? 0 : (100 * stats.stepUpDays.size) / stats.userDays.size;
}

const anonymous = (path: string) => path.replace(/[0-9a-f-]{36}/g, ':id');

/** `legit-month: suspensions=N step_up_user_days_pct=P` in exactly that form, then the detail. */
export function monthLine(stats: LegitStats): string[] {
  const byRole = new Map<string, number>();
  for (const stepUp of stats.stepUps) byRole.set(stepUp.role, (byRole.get(stepUp.role) ?? 0) + 1);
  const lines = [
    `legit-month: suspensions=${stats.suspensions.length} step_up_user_days_pct=${stepUpShare(stats).toFixed(2)}`,
    `    ${stats.userDays.size} journées-agents, ${stats.pageLoads} pages ; vérifications demandées par le garde : ${stats.stepUps.length} (${stats.stepUpDays.size} journées)`,
  ];
  if (byRole.size > 0) lines.push(`    par rôle : ${[...byRole].map(([role, n]) => `${role} ${n}`).join(', ')}`);
  for (const s of stats.stepUps.slice(0, 20))
    lines.push(`    vérification ${s.day} ${s.at} ${s.role} ${anonymous(s.path)} (${s.signals})`);
  for (const s of stats.suspensions) {
    lines.push(`    SUSPENSION ${s.day} ${s.role} ${anonymous(s.path)}`);
    if (s.signals) lines.push(`      signaux : ${s.signals}`);
  }
  if (stats.failedStepUps > 0) lines.push(`    vérifications par clé refusées : ${stats.failedStepUps}`);
  if (stats.lifted > 0) lines.push(`    suspensions levées le lendemain par deux administrateurs : ${stats.lifted}`);
  return lines;
}

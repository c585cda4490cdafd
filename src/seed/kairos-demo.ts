import type { SeedPlan } from './plan.js';
import { peopleGenerator } from './people.js';

/** A demo job seeker beyond the showcase one: their login's local part, its label, the person's index. */
export interface DemoJobSeeker {
  local: string;
  label: string;
  index: number;
}

/** The stages the demo shows, beyond the showcase job seeker's: one login for each. */
const stages = [
  {
    status: 'referred',
    local: 'demandeur-emploi-oriente',
    label: 'Demandeur d’emploi orienté, en attente de l’organisme',
  },
  { status: 'entered', local: 'demandeur-emploi-en-formation', label: 'Demandeur d’emploi en formation' },
  { status: 'exited', local: 'demandeur-emploi-sorti', label: 'Demandeur d’emploi sorti de formation' },
] as const;

/**
 * Job seekers of the demo advisor's portfolio whose trainings stand at other stages than the
 * showcase job seeker's (waiting for the organisation, under way, finished), so that the
 * advisor's follow-up and each job seeker's space have something real at every stage. The
 * people are found in the plan, by their index: the same seed finds the same ones. Canaries are
 * never chosen (no legitimate demo task may reach them). A stage nobody has in a small demo is
 * left out.
 */
export function kairosDemoJobSeekers(plan: SeedPlan): DemoJobSeeker[] {
  const generate = peopleGenerator(plan.context);
  const advisorId = plan.staff.advisors[0]!.id;
  const { canaries, showcase } = plan.context;
  const found = new Map<string, DemoJobSeeker>();
  for (let index = 0; index < plan.volumes.people && found.size < stages.length; index++) {
    if (canaries.has(index) || index === showcase.jobSeeker || index === showcase.candidate) continue;
    const bundle = generate(index);
    if (bundle.portfolio?.advisorId !== advisorId) continue;
    for (const stage of stages) {
      if (found.has(stage.local) || !bundle.referrals.some((r) => r.status === stage.status)) continue;
      found.set(stage.local, { local: stage.local, label: stage.label, index });
      break;
    }
  }
  return stages.flatMap((stage) => found.get(stage.local) ?? []);
}

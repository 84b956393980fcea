/**
 * The simulated company of a chaos run: an in-process simulator (so the test
 * can change its world; the CLI simulator has no mutation route) whose clock
 * is the real clock, because the sync child fixes its signpost with the real
 * clock; and the changes made between the last two runs.
 */
import type { FaultConfig, RunningSimulator, SimulatorClock } from '../../src/simulator/index.js';
import { startSimulator } from '../../src/simulator/index.js';

/** About 10 % of requests fail: rate limits, server errors, resets, hung requests and cut bodies. */
export function chaosFaults(timeoutMs: number, total = 0.1): FaultConfig {
  const share = { '429': 0.25, '500': 0.2, '503': 0.1, reset: 0.2, timeout: 0.05, truncate: 0.2 };
  const rates = Object.fromEntries(Object.entries(share).map(([kind, s]) => [kind, s * total]));
  return { rates, timeoutMs };
}

export function realClock(): SimulatorClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
    set: (date) => {
      offset = date.getTime() - Date.now();
    },
  };
}

export function startChaosSimulator(
  seed: number,
  scale: number,
  faults: FaultConfig,
): Promise<RunningSimulator> {
  return startSimulator({ seed, scale, faults, clock: realClock() });
}

/** What changed in the world, for the checks after the next run. */
export interface WorldChanges {
  created: number;
  updated: number;
  deleted: number;
  archived: number;
  newField: { key: string; name: string; value: string; dealId: number };
  renamedField: { key: string; name: string };
  renamedOption: { key: string; optionId: number; label: string; dealId: number };
}

const live = (sim: RunningSimulator, entity: string) =>
  [...sim.world.records(entity)].filter(
    (r) => !r.is_deleted && !(r as { is_archived?: boolean }).is_archived,
  );

/**
 * Creates, updates, deletes and archives records (deals: the one entity whose
 * deletions the API lists), adds a deal field, renames one and renames an
 * option of an enum field, setting that option on a deal so the new label
 * must arrive with it. `count` is the number of records touched per kind.
 */
export function changeWorld(sim: RunningSimulator, count: number, tag: string): WorldChanges {
  const { world } = sim;
  const deals = live(sim, 'deals');
  const persons = live(sim, 'persons');
  const step = Math.max(1, Math.floor(deals.length / (4 * count + 6)));
  const pick = (k: number) => deals[(k * step) % deals.length]!;
  let created = 0;
  for (let i = 0; i < count; i += 1) {
    world.create('deals', { title: `${tag} new deal ${i}`, value: 100 + i, status: 'open' });
    world.create('persons', { name: `${tag} new person ${i}` });
    world.create('activities', { subject: `${tag} new activity ${i}` });
    created += 3;
  }
  for (let i = 0; i < count; i += 1) {
    world.update('deals', pick(4 * i).id, { title: `${tag} updated deal ${i}`, status: 'won' });
    world.update('persons', persons[(i * 7) % persons.length]!.id, { name: `${tag} updated person ${i}` });
    world.delete('deals', pick(4 * i + 1).id);
    world.archive('deals', pick(4 * i + 2).id);
  }
  const field = world.addField('deal', `${tag} rating`, 'varchar');
  const withField = pick(4 * count + 3);
  world.update('deals', withField.id, { custom: { [field.key]: `${tag} five stars` } });
  const renamable = world.fields.list('deal').find((f) => f.fieldType === 'varchar' && f.key !== field.key)!;
  const renamed = world.renameField('deal', renamable.key, `${tag} renamed ${renamable.name}`);
  const enumField = world.fields
    .list('deal')
    .find((f) => f.fieldType === 'enum' && (f.options?.length ?? 0) > 0)!;
  const option = enumField.options![0]!;
  const label = `${tag} relabelled ${option.label}`;
  world.renameFieldOption('deal', enumField.key, option.id, label);
  const optionDeal = pick(4 * count + 4);
  world.update('deals', optionDeal.id, { custom: { [enumField.key]: option.id } });
  return {
    created,
    updated: 2 * count + 2,
    deleted: count,
    archived: count,
    newField: { key: field.key, name: field.name, value: `${tag} five stars`, dealId: withField.id },
    renamedField: { key: renamed.key, name: renamed.name },
    renamedOption: { key: enumField.key, optionId: option.id, label, dealId: optionDeal.id },
  };
}

/**
 * The changes the demo makes "in Pipedrive" between its two syncs, through the
 * simulator's world API: a few updates, deletes, a new custom field with a
 * value, and a new record. Each returns a sentence for the demo's output.
 */
import type { World } from '../simulator/index.js';

interface Live {
  id: number;
  is_deleted: boolean;
  title?: string;
  name?: string;
  value?: number;
  status?: string;
}

function firstLive(world: World, entity: string, count: number, skip = 0): Live[] {
  const out: Live[] = [];
  for (const record of world.records(entity)) {
    const live = record as unknown as Live;
    if (live.is_deleted || live.status === 'deleted') continue;
    if (skip > 0) {
      skip -= 1;
      continue;
    }
    out.push(live);
    if (out.length === count) break;
  }
  return out;
}

export interface DemoChanges {
  /** Human sentences, in the order the changes were made. */
  done: string[];
  /** The deal that got a value in the new custom field, and that field's name. */
  highlightedDealId: number;
  newFieldName: string;
}

export function applyDemoChanges(world: World): DemoChanges {
  const done: string[] = [];
  const [first, second, third] = firstLive(world, 'deals', 3);
  if (!first || !second || !third) throw new Error('The demo company has too few deals to change.');

  const newFieldName = 'Demo priority';
  const field = world.addField('deal', newFieldName, 'varchar');
  done.push(`added a custom field "${newFieldName}" to deals`);

  world.update('deals', first.id, {
    title: `${first.title ?? 'Deal'} (renegotiated)`,
    value: Math.round((first.value ?? 1000) * 1.5),
    custom: { [field.key]: 'high' },
  });
  done.push(`updated deal ${first.id}: new title, value +50%, "${newFieldName}" = high`);
  world.update('deals', second.id, { status: 'won' });
  done.push(`marked deal ${second.id} as won`);
  world.delete('deals', third.id);
  done.push(`deleted deal ${third.id}`);

  // Deleted deals stay listable for 30 days (status=deleted); deleted persons are not listed at all.
  const [person] = firstLive(world, 'persons', 1, 5);
  if (person) {
    world.update('persons', person.id, { name: `${person.name ?? 'Person'} Jr.` });
    done.push(`renamed person ${person.id} to "${person.name ?? 'Person'} Jr."`);
  }
  const [organization] = firstLive(world, 'organizations', 1, 2);
  if (organization) {
    world.update('organizations', organization.id, { name: `${organization.name ?? 'Org'} International` });
    done.push(`renamed organization ${organization.id} to "${organization.name ?? 'Org'} International"`);
  }
  const created = world.create('organizations', { name: 'Demo Labs Ltd' });
  done.push(`created organization ${created.id} "Demo Labs Ltd"`);
  return { done, highlightedDealId: first.id, newFieldName };
}

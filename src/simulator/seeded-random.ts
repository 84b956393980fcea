/**
 * Stateless seeded hashing: every generated value is a pure function of
 * (seed, stream, index, salt), so any record can be rebuilt on demand without
 * storing it. This is what lets a million-record company fit in little memory.
 */
export function mix(a: number, b: number, c = 0, d = 0): number {
  let h = (a ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (b + 0x7f4a7c15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ (c + 0x165667b1), 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ (d + 0x27d4eb2f), 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

/** A small deterministic generator for one record: draws from a fixed hash sequence. */
export class RecordRandom {
  private step = 0;
  constructor(
    private readonly seed: number,
    private readonly stream: number,
    private readonly index: number,
  ) {}

  /** Uniform float in [0, 1). */
  next(): number {
    this.step += 1;
    return mix(this.seed, this.stream, this.index, this.step) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }
}

/** A stable 40-hex key, like Pipedrive's custom field hash keys. */
export function hexKey(seed: number, stream: number, index: number): string {
  let out = '';
  for (let part = 0; part < 5; part += 1)
    out += mix(seed, stream, index, 1000 + part)
      .toString(16)
      .padStart(8, '0');
  return out;
}

/** Deterministic UUID-shaped id for entities keyed by UUID (leads, lead labels, permission sets). */
export function uuidFor(seed: number, stream: number, index: number): string {
  const a = mix(seed, stream, 7, 1).toString(16).padStart(8, '0');
  const b = mix(seed, stream, 7, 2).toString(16).padStart(8, '0');
  const tail = index.toString(16).padStart(12, '0');
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-a${a.slice(1, 4)}-${tail}`;
}

/** Inverse of uuidFor's index part; undefined when the id is not one of ours. */
export function indexOfUuid(uuid: string): number | undefined {
  const match = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-([0-9a-f]{12})$/.exec(uuid);
  return match ? parseInt(match[1] as string, 16) : undefined;
}

/** Stream numbers per entity so entities never share random sequences. */
export const STREAM: Record<string, number> = {
  users: 1,
  deals: 2,
  persons: 3,
  organizations: 4,
  activities: 5,
  products: 6,
  pipelines: 7,
  stages: 8,
  notes: 9,
  files: 10,
  leads: 11,
  leadLabels: 12,
  callLogs: 13,
  mailThreads: 14,
  projects: 15,
  tasks: 16,
  dealProducts: 17,
  followers: 18,
  participants: 19,
  filters: 20,
  goals: 21,
  roles: 22,
  permissionSets: 23,
  organizationRelationships: 24,
  noteComments: 25,
  fields: 26,
  tokens: 27,
  faults: 28,
  activityTypes: 29,
};

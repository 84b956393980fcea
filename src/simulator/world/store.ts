import { compareKeys, PURGE_AFTER_MS, sortValue } from './record.js';
import type { SimRecord, SortValue } from './record.js';

export interface ScanOptions<R extends SimRecord> {
  sortKey: string;
  desc: boolean;
  /** Exclusive position after which to start (decoded from a cursor). */
  after?: { k: SortValue; id: number };
  filter?: (record: R) => boolean;
  /** Ascending scans stop once the sort key reaches this value (updated_until on update_time). */
  stopAt?: number;
  /** Base ids outside [baseFloorId, baseCeilId) cannot match (derived from monotone time filters). */
  baseFloorId?: number;
  baseCeilId?: number;
  limit: number;
}

/**
 * Records of one entity: base records are regenerated on demand from their id;
 * only mutations (overrides, creations, purges) live in memory.
 * Base records are laid out so that `monotoneKeys` never decrease with the id,
 * which lets ordered scans walk ids instead of sorting the whole set.
 */
export class RecordStore<R extends SimRecord> {
  private readonly overrides = new Map<number, R>();
  private readonly purged = new Set<number>();
  private readonly deleted = new Set<number>();
  private nextId: number;
  private version = 0;
  private sortedCache = new Map<string, { version: number; rows: R[] }>();

  constructor(
    readonly entity: string,
    readonly baseCount: number,
    private readonly generate: (id: number) => R,
    private readonly monotoneKeys: ReadonlySet<string> = new Set(['id', 'add_time', 'update_time']),
  ) {
    this.nextId = baseCount + 1;
  }

  /** Changes with every mutation, for caches derived from this store. */
  get revision(): number {
    return this.version;
  }

  get(id: number): R | undefined {
    if (!Number.isInteger(id) || id < 1 || this.purged.has(id)) return undefined;
    const override = this.overrides.get(id);
    if (override) return override;
    return id <= this.baseCount ? this.generate(id) : undefined;
  }

  /** Stores a changed or new record. */
  put(record: R): void {
    this.overrides.set(record.id, record);
    if (record.is_deleted) this.deleted.add(record.id);
    else this.deleted.delete(record.id);
    this.version += 1;
  }

  allocateId(): number {
    const id = this.nextId;
    this.nextId += 1;
    return id;
  }

  /** Removes for good (purge or hard delete); the id is never served again. */
  remove(id: number): void {
    this.overrides.delete(id);
    this.deleted.delete(id);
    this.purged.add(id);
    this.version += 1;
  }

  /** Purges records soft-deleted more than 30 days before `now`. */
  sweep(now: number): number {
    let count = 0;
    for (const id of [...this.deleted]) {
      const record = this.overrides.get(id);
      if (record?.delete_time !== null && record !== undefined && now - record.delete_time > PURGE_AFTER_MS) {
        this.remove(id);
        count += 1;
      }
    }
    return count;
  }

  /** Upper bound of ids ever used (base and created). */
  maxId(): number {
    return this.nextId - 1;
  }

  mutationCount(): number {
    return this.overrides.size + this.purged.size;
  }

  scan(options: ScanOptions<R>): R[] {
    if (this.monotoneKeys.has(options.sortKey)) return this.scanMerged(options);
    return this.scanSorted(options);
  }

  /** Every live record in id order (used by small endpoints and tests). */
  *all(): Generator<R> {
    for (let id = 1; id < this.nextId; id += 1) {
      const record = this.get(id);
      if (record) yield record;
    }
  }

  private sortedOverrides(sortKey: string): R[] {
    const cached = this.sortedCache.get(sortKey);
    if (cached && cached.version === this.version) return cached.rows;
    const rows = [...this.overrides.values()].sort((a, b) =>
      compareKeys(sortValue(a, sortKey), a.id, sortValue(b, sortKey), b.id),
    );
    this.sortedCache.set(sortKey, { version: this.version, rows });
    return rows;
  }

  /** First base id whose monotone `key` is >= value (baseCount + 1 when none). */
  baseIdAtLeast(key: string, value: number): number {
    if (!this.monotoneKeys.has(key)) return 1;
    return this.firstBaseAfter(key, { k: value, id: 0 });
  }

  isMonotone(key: string): boolean {
    return this.monotoneKeys.has(key);
  }

  /** Index of the first base id strictly after `after` in ascending (key, id) order. */
  private firstBaseAfter(sortKey: string, after: { k: SortValue; id: number }): number {
    let lo = 1;
    let hi = this.baseCount + 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareKeys(sortValue(this.generate(mid), sortKey), mid, after.k, after.id);
      if (c > 0) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private scanMerged(options: ScanOptions<R>): R[] {
    const { sortKey, desc, after, filter, limit, stopAt } = options;
    const sign = desc ? -1 : 1;
    const floor = options.baseFloorId ?? 1;
    const ceil = Math.min(options.baseCeilId ?? this.baseCount + 1, this.baseCount + 1);
    const rows = this.sortedOverrides(sortKey);
    const out: R[] = [];
    // Base cursor position.
    let baseId: number;
    if (!after) baseId = desc ? this.baseCount : 1;
    else {
      const first = this.firstBaseAfter(sortKey, after);
      baseId = desc ? first - 1 : first;
      if (
        desc &&
        baseId >= 1 &&
        compareKeys(sortValue(this.generate(baseId), sortKey), baseId, after.k, after.id) >= 0
      ) {
        baseId -= 1;
      }
    }
    // Override cursor position.
    let oi = desc ? rows.length - 1 : 0;
    if (after) {
      while (oi >= 0 && oi < rows.length) {
        const r = rows[oi] as R;
        if (sign * compareKeys(sortValue(r, sortKey), r.id, after.k, after.id) > 0) break;
        oi += sign;
      }
    }
    if (!desc) baseId = Math.max(baseId, floor);
    else baseId = Math.min(baseId, ceil - 1);
    const next = (from: number): R | undefined => {
      const found = this.nextBase(from, sign, desc ? floor : ceil);
      return found;
    };
    let base: R | undefined = next(baseId);
    while (out.length < limit) {
      const over = oi >= 0 && oi < rows.length ? (rows[oi] as R) : undefined;
      if (!base && !over) break;
      let pick: R;
      if (
        base &&
        (!over ||
          sign * compareKeys(sortValue(base, sortKey), base.id, sortValue(over, sortKey), over.id) < 0)
      ) {
        pick = base;
        base = next(base.id + sign);
      } else {
        pick = over as R;
        oi += sign;
      }
      if (stopAt !== undefined && !desc) {
        const v = sortValue(pick, sortKey);
        if (typeof v === 'number' && v >= stopAt) break;
      }
      if (!filter || filter(pick)) out.push(pick);
    }
    return out;
  }

  private nextBase(from: number, step: number, bound: number): R | undefined {
    const lo = step < 0 ? Math.max(1, bound) : 1;
    const hi = step > 0 ? Math.min(this.baseCount, bound - 1) : this.baseCount;
    for (let id = from; id >= lo && id <= hi; id += step) {
      if (!this.overrides.has(id) && !this.purged.has(id)) return this.generate(id);
    }
    return undefined;
  }

  private scanSorted(options: ScanOptions<R>): R[] {
    const { sortKey, desc, after, filter, limit } = options;
    const cacheKey = `all:${sortKey}`;
    let cached = this.sortedCache.get(cacheKey);
    if (!cached || cached.version !== this.version) {
      const rows = [...this.all()].sort((a, b) =>
        compareKeys(sortValue(a, sortKey), a.id, sortValue(b, sortKey), b.id),
      );
      cached = { version: this.version, rows };
      this.sortedCache.set(cacheKey, cached);
    }
    const rows = cached.rows;
    const sign = desc ? -1 : 1;
    const out: R[] = [];
    let i = desc ? rows.length - 1 : 0;
    if (after) {
      while (i >= 0 && i < rows.length) {
        const r = rows[i] as R;
        if (sign * compareKeys(sortValue(r, sortKey), r.id, after.k, after.id) > 0) break;
        i += sign;
      }
    }
    for (; i >= 0 && i < rows.length && out.length < limit; i += sign) {
      const r = rows[i] as R;
      if (!filter || filter(r)) out.push(r);
    }
    return out;
  }
}

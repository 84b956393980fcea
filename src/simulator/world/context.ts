import type { FieldCatalog } from '../fields/catalog.js';
import type { ValueContext } from '../fields/values.js';
import type { EntityCounts } from './scale.js';
import { TimeLayout } from './time-layout.js';

/** What generators need: the seed, counts, the start date and the custom fields. */
export class GenContext {
  private readonly layouts = new Map<string, TimeLayout>();
  readonly values: ValueContext;

  constructor(
    readonly seed: number,
    readonly counts: EntityCounts,
    readonly start: number,
    readonly fields: FieldCatalog,
  ) {
    this.values = {
      seed,
      users: counts.users ?? 0,
      organizations: counts.organizations ?? 0,
      persons: counts.persons ?? 0,
    };
  }

  count(entity: string): number {
    return this.counts[entity] ?? 0;
  }

  layout(entity: string): TimeLayout {
    let layout = this.layouts.get(entity);
    if (!layout) {
      layout = new TimeLayout(this.start, this.count(entity));
      this.layouts.set(entity, layout);
    }
    return layout;
  }

  /** A related id in 1..count chosen from a hash, or null when the entity is empty. */
  ref(entity: string, hash: number): number | null {
    const n = this.count(entity);
    return n > 0 ? 1 + (hash % n) : null;
  }

  /** Pipeline of a stage: stages are spread evenly over the pipelines. */
  pipelineOfStage(stageId: number): number {
    const per = Math.max(1, Math.ceil(this.count('stages') / Math.max(1, this.count('pipelines'))));
    return Math.ceil(stageId / per);
  }
}

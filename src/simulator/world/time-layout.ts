import { DAY_MS } from './record.js';

/**
 * Base timestamps grow with the record id (add_time over the 3..1 years before the
 * start, update_time over the last year), rounded to whole seconds like v1. This
 * keeps (update_time, id) order equal to id order for untouched records.
 */
export class TimeLayout {
  private readonly addFrom: number;
  private readonly updateFrom: number;
  private readonly span: number;

  constructor(
    private readonly start: number,
    private readonly count: number,
  ) {
    this.addFrom = start - 3 * 365 * DAY_MS;
    this.updateFrom = start - 365 * DAY_MS;
    this.span = 2 * 365 * DAY_MS - DAY_MS;
  }

  addTime(id: number): number {
    return floorSecond(this.addFrom + (this.span * id) / Math.max(1, this.count + 1));
  }

  updateTime(id: number): number {
    return floorSecond(this.updateFrom + ((365 * DAY_MS - DAY_MS) * id) / Math.max(1, this.count + 1));
  }

  get startTime(): number {
    return this.start;
  }
}

function floorSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

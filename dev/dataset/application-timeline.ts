import { Day, isWeekday } from "./calendar";

/**
 * When applications are made: on weekdays only (they are made to a court),
 * at a rate that grows year on year as forces take up the orders. Order k of
 * n is placed at quantile k/n of the cumulative rate, so any slice of the
 * order sequence maps to a slice of time without generating what came before.
 */
export class ApplicationTimeline {
  private readonly cumulative: Float64Array;

  constructor(
    private readonly firstDay: Day,
    lastDay: Day,
    yearlyGrowth: number,
  ) {
    this.cumulative = new Float64Array(lastDay - firstDay + 1);
    let total = 0;
    for (let offset = 0; offset < this.cumulative.length; offset++) {
      if (isWeekday(firstDay + offset)) total += Math.pow(yearlyGrowth, offset / 365.25);
      this.cumulative[offset] = total;
    }
  }

  /** The application day at `quantile` in [0, 1) of all applications. */
  dayAt(quantile: number): Day {
    const target = quantile * this.cumulative[this.cumulative.length - 1];
    let low = 0;
    let high = this.cumulative.length - 1;
    // The first day whose cumulative rate exceeds the target; days without applications add nothing, so it is a weekday.
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.cumulative[middle] > target) high = middle;
      else low = middle + 1;
    }
    return this.firstDay + low;
  }
}

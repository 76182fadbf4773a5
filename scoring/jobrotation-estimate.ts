import { toDayNumber } from './dates.ts';
import type { RuleSet } from './eligibility.ts';

export interface JobrotationEstimate {
  vikarHours: number;
  ratePerHour: number;
  amount: number;
  ruleSet: string;
}

/** Monday to Friday between two ISO dates, both included; public holidays are not subtracted. */
export function workingDays(from: string, to: string): number {
  const first = toDayNumber(from);
  const last = toDayNumber(to);
  if (!(last >= first)) return 0;
  const total = last - first + 1;
  const fullWeeks = Math.floor(total / 7);
  let days = fullWeeks * 5;
  // Day 0 (1970-01-01) was a Thursday: with Monday as 0, its weekday is 3.
  for (let d = first + fullWeeks * 7; d <= last; d++) {
    if ((((d + 3) % 7) + 7) % 7 < 5) days++;
  }
  return days;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * What the company can expect in jobrotationsydelse for the vikar: weekly hours times the weeks in the period
 * (working days / 5), times the rule set's sats. Undefined when the order is not jobrotation or the rule set
 * carries no sats. An estimate for the conversation with the company, not a bevilling.
 */
export function estimateJobrotation(
  order: { jobrotation: boolean; weeklyHours: number; period: { from: string; to: string } },
  ruleSet: Pick<RuleSet, 'name' | 'jobrotationsydelsePerHour'>,
): JobrotationEstimate | undefined {
  const rate = ruleSet.jobrotationsydelsePerHour;
  if (!order.jobrotation || rate === undefined) return undefined;
  const vikarHours = round2((order.weeklyHours * workingDays(order.period.from, order.period.to)) / 5);
  return { vikarHours, ratePerHour: rate, amount: round2(vikarHours * rate), ruleSet: ruleSet.name };
}

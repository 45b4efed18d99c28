import type { DateTime } from 'luxon';

/** A week numbering: the first day of the week (0 = Sunday) and the day of January that week 1 must contain. */
export interface WeekRule {
  firstDay: number;
  /** Week 1 is the week that holds January `anchorDay` (ISO: the 4th; moment's English locale: the 1st) */
  anchorDay: number;
}

export const ISO_WEEKS: WeekRule = { firstDay: 1, anchorDay: 4 };
export const LOCALE_WEEKS: WeekRule = { firstDay: 0, anchorDay: 1 };

const DAY = 86_400_000;

/** Day of the year (0-based) on which week 1 of `year` starts; negative when it starts in December. */
function firstWeekStart(year: number, rule: WeekRule): number {
  const anchorWeekday = new Date(Date.UTC(year, 0, rule.anchorDay)).getUTCDay();
  const back = (7 + anchorWeekday - rule.firstDay) % 7;
  return rule.anchorDay - 1 - back;
}

function weeksIn(year: number, rule: WeekRule): number {
  const daysInYear = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / DAY;
  return (daysInYear - firstWeekStart(year, rule) + firstWeekStart(year + 1, rule)) / 7;
}

/** The week and week-year of a date under a week rule (moment's `w`/`gggg` and `W`/`GGGG` tokens). */
export function weekOf(dt: DateTime, rule: WeekRule): { week: number; year: number } {
  const dayOfYear = dt.ordinal - 1;
  const week = Math.floor((dayOfYear - firstWeekStart(dt.year, rule)) / 7) + 1;
  if (week < 1) return { week: week + weeksIn(dt.year - 1, rule), year: dt.year - 1 };
  if (week > weeksIn(dt.year, rule)) return { week: week - weeksIn(dt.year, rule), year: dt.year + 1 };
  return { week, year: dt.year };
}

// Consumption over time: a person's level follows their goal slowly, rises around care breaks, falls sharply
// after a hospital stay (withdrawal) and drifts partly back. Observations are this level plus noise.

export interface Period {
  from: number;
  to: number;
}

export interface TrendModel {
  /** Drinks per day at the start of the follow-up. */
  baseline: number;
  /** Level the person is heading for (their goal). */
  goal: number;
  /** Days for about two thirds of the way to the goal. */
  pace: number;
  start: number;
  breaks: readonly Period[];
  stays: readonly Period[];
}

/** Expected drinks per day on a day (before noise). */
export function level(model: TrendModel, day: number): number {
  const t = Math.max(0, day - model.start);
  let value = model.goal + (model.baseline - model.goal) * Math.exp(-t / model.pace);
  for (const b of model.breaks) {
    if (day < b.from) continue;
    const length = Math.max(1, b.to - b.from);
    // Rises during the break, back to the trend 60 days after contact resumes.
    const rise = day <= b.to ? (day - b.from) / length : Math.max(0, 1 - (day - b.to) / 60);
    value *= 1 + 0.7 * rise;
  }
  for (const s of model.stays) {
    if (day < s.from - 30) continue;
    if (day < s.from) value *= 1.35; // the weeks before an admission
    else if (day <= s.to + 30) value *= 0.08;
    else value *= 0.08 + 0.62 * Math.min(1, (day - s.to - 30) / 150);
  }
  return Math.max(0, value);
}

/** Observed drinks per day: the level with noise, whole drinks. */
export function observedDrinks(model: TrendModel, day: number, noise: number): number {
  const value = level(model, day);
  return Math.max(0, Math.round(value * (1 + 0.18 * noise) + 0.6 * noise));
}

/** AUDIT-C items (0-4 each) from drinks per day: how often, how many on a typical day, how often six or more. */
export function auditC(drinks: number): [number, number, number] {
  const frequency = drinks < 0.2 ? 0 : drinks < 0.6 ? 1 : drinks < 1.5 ? 2 : drinks < 3 ? 3 : 4;
  const typical = drinks < 0.2 ? 0 : drinks <= 2 ? 0 : drinks <= 4 ? 1 : drinks <= 6 ? 2 : drinks <= 9 ? 3 : 4;
  const sixOrMore = drinks < 1 ? 0 : drinks < 2 ? 1 : drinks < 4 ? 2 : drinks < 6 ? 3 : 4;
  return [frequency, typical, sixOrMore];
}

/** Frequency of another substance's use from an intensity in [0, 1]. */
export function useFrequency(intensity: number): 'quotidien' | 'hebdomadaire' | 'mensuel' | 'occasionnel' | 'pas-d-usage-recent' {
  return intensity > 0.75 ? 'quotidien' : intensity > 0.5 ? 'hebdomadaire' : intensity > 0.3 ? 'mensuel' : intensity > 0.12 ? 'occasionnel' : 'pas-d-usage-recent';
}

export function inPeriods(periods: readonly Period[], day: number): boolean {
  return periods.some((p) => day >= p.from && day <= p.to);
}

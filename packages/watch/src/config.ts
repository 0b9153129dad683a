// The watch's rules and their thresholds: defaults, per-programme defaults (README.md) and overrides. A person's
// programme comes from their care team's managing organisation (CareTeam.managingOrganization), through a map the
// deployment gives; a person whose organisation is not in the map gets the general defaults.

/** Codes of ParcoursCodeSystemCareBreakRule, one Flag per person and code. */
export const RULES = ['sans-contact', 'rendez-vous-manques', 'suivi-sortie-non-fait', 'tache-en-retard', 'rendez-vous-a-cloturer'] as const;
export type RuleCode = (typeof RULES)[number];

export interface RuleSettings {
  /** N: days without a held contact (finished Encounter) while the plan is active. */
  noContactDays: number;
  /** N for intensive follow-ups (a plan activity scheduled at least weekly). */
  intensiveNoContactDays: number;
  /** K: appointments missed (noshow) in a row, with no contact held since. */
  missedInARow: number;
  /** How far back appointments are read for the missed-in-a-row rule (days); older breaks are no-contact ones. */
  missedLookbackDays: number;
  /** D: days past its due date after which an open task is overdue. */
  overdueTaskDays: number;
  /** Days after its day from which an appointment still "booked" is to close (1 = the next day). */
  bookedGraceDays: number;
  /** Rules not applied. */
  disabled: RuleCode[];
}

export interface WatchRules {
  defaults: RuleSettings;
  /** Per-programme overrides of the defaults, by programme code. */
  programmes: Record<string, Partial<RuleSettings>>;
  /** Organization reference (`Organization/<id>`) → programme code. */
  organizations: Record<string, string>;
}

export const DEFAULT_SETTINGS: RuleSettings = {
  noContactDays: 42,
  intensiveNoContactDays: 21,
  missedInARow: 2,
  missedLookbackDays: 60,
  overdueTaskDays: 14,
  bookedGraceDays: 1,
  disabled: [],
};

/** Per-programme defaults (the field programmes of DOMAIN.md; the reasons are in README.md). */
export const PROGRAMME_DEFAULTS: Record<string, Partial<RuleSettings>> = {
  microstructure: { noContactDays: 42, intensiveNoContactDays: 21, missedInARow: 2, overdueTaskDays: 14 },
  'rdr-alcool': { noContactDays: 42, intensiveNoContactDays: 21, missedInARow: 2, overdueTaskDays: 14 },
  'residence-sociale': { noContactDays: 56, intensiveNoContactDays: 28, missedInARow: 3, overdueTaskDays: 21 },
  referent: { noContactDays: 42, intensiveNoContactDays: 14, missedInARow: 2, overdueTaskDays: 10 },
};

export interface RulesOverrides {
  defaults?: Partial<RuleSettings>;
  programmes?: Record<string, Partial<RuleSettings>>;
  organizations?: Record<string, string>;
}

/** The defaults with the overrides applied (a programme override is merged over that programme's defaults). */
export function resolveRules(overrides: RulesOverrides = {}): WatchRules {
  const programmes: Record<string, Partial<RuleSettings>> = {};
  for (const key of new Set([...Object.keys(PROGRAMME_DEFAULTS), ...Object.keys(overrides.programmes ?? {})])) {
    programmes[key] = { ...PROGRAMME_DEFAULTS[key], ...overrides.programmes?.[key] };
  }
  const rules = { defaults: { ...DEFAULT_SETTINGS, ...overrides.defaults }, programmes, organizations: { ...overrides.organizations } };
  for (const settings of [rules.defaults, ...Object.values(programmes)]) checkSettings(settings);
  return rules;
}

function checkSettings(settings: Partial<RuleSettings>): void {
  for (const [key, value] of Object.entries(settings)) {
    if (key === 'disabled') {
      const unknown = (value as string[]).filter((code) => !(RULES as readonly string[]).includes(code));
      if (unknown.length) throw new Error(`WATCH_RULES: unknown rule ${unknown.join(', ')} in "disabled" (known: ${RULES.join(', ')})`);
    } else if (!Number.isInteger(value) || (value as number) < (key === 'bookedGraceDays' ? 0 : 1)) {
      throw new Error(`WATCH_RULES: ${key} must be a whole number of days${key === 'bookedGraceDays' ? '' : ' (at least 1)'}, got ${JSON.stringify(value)}`);
    }
  }
}

/** Settings of one programme (undefined: the defaults). */
export function settingsFor(rules: WatchRules, programme: string | undefined): RuleSettings {
  return { ...rules.defaults, ...(programme ? rules.programmes[programme] : {}) };
}

/** The longest look-back any programme needs for encounters (contacts) and appointments, in days. */
export function lookbackDays(rules: WatchRules): number {
  const all = [rules.defaults, ...Object.values(rules.programmes).map((p) => ({ ...rules.defaults, ...p }))];
  return Math.max(...all.map((s) => Math.max(s.noContactDays, s.intensiveNoContactDays, s.missedLookbackDays))) + 1;
}

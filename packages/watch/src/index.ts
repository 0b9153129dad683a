// @parcours/watch: the care-break watch, a SMART Backend Services client of any FHIR R4 server that raises one
// Flag (ParcoursFlagCareBreak) and one re-contact Task per person and rule. See README.md.
export { createWatch } from './watch.ts';
export type { PassResult, Watch, WatchOptions } from './watch.ts';
export { DEFAULT_SETTINGS, PROGRAMME_DEFAULTS, RULES, resolveRules, settingsFor } from './config.ts';
export type { RuleCode, RuleSettings, RulesOverrides, WatchRules } from './config.ts';
export { WATCH_SCOPES, WatchClient } from './client.ts';
export { FLAG_IDENTIFIER_SYSTEM, TASK_IDENTIFIER_SYSTEM } from './gather.ts';
export { FLAG_PROFILE, CARE_BREAK_RULE_SYSTEM, flagId, taskId } from './output.ts';
export { evaluate, isIntensive } from './rules.ts';
export type { Finding, PersonData } from './rules.ts';

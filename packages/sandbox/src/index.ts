// @parcours/sandbox: FHIR server, SMART launcher, EHR simulator and the app on one origin (see README.md).
export { APP_CLIENT_ID, startSandbox } from './sandbox.ts';
export type { Sandbox, SandboxOptions } from './sandbox.ts';
export { SANDBOX_USERS } from './team.ts';
export { seedResources } from './seed.ts';

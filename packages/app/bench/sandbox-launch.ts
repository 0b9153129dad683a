// How the benchmark obtains EHR launch URLs from the sandbox's EHR simulator (heavy person, GP user).
// TODO(sandbox): wire to the EHR simulator's launch API once packages/sandbox exists (issue 6); until then the
// launch comparison is skipped.
import type { LaunchTarget } from './launch.ts';

export async function sandboxTargets(base: string): Promise<{ app: LaunchTarget; bare: LaunchTarget }> {
  throw new Error(`sandbox launch API not wired yet (${base})`);
}

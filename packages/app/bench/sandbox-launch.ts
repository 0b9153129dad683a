// How the benchmark obtains EHR launch URLs from the sandbox's EHR simulator.
import type { LaunchTarget } from './launch.ts';

export async function sandboxTargets(base: string): Promise<{ app: LaunchTarget; bare: LaunchTarget }> {
  throw new Error(`sandbox launch API not wired yet (${base})`);
}

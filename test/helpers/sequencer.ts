// The order vitest hands files to its workers: the files that spawn processes (test/e2e, the pvesim
// CLI) go first, longest first when vitest remembers their durations. They spend much of their time
// waiting on those processes; started last, one of them alone would keep the run going while the
// other workers sit idle.
import type { TestSpecification } from 'vitest/node';
import { BaseSequencer } from 'vitest/node';

const SPAWNING = [/\/test\/e2e\//, /\/sim\/test\/cli\.test\.ts$/];

export const spawnsProcesses = (file: string): boolean => SPAWNING.some((re) => re.test(file));

export class SpawningFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const first = sorted.filter((f) => spawnsProcesses(f.moduleId));
    return [...first, ...sorted.filter((f) => !spawnsProcesses(f.moduleId))];
  }
}

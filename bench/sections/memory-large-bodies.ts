import { npmStart, type BenchContext, type Launch } from '../bench-context.js';
import { measureMemoryUnderLoad } from '../measure-memory.js';

export const title = 'Gateway memory under 60 bodies of 15 MB and 2,000 small invalid ones, 4 at a time, then 20 s idle';

export async function run(ctx: BenchContext): Promise<void> {
  const launches: Array<[string, Launch]> = [
    ['plain node', { env: {}, flags: [] }],
    ['--max-semi-space-size=1', { env: {}, flags: ['--max-semi-space-size=1'] }],
    ['npm start', npmStart],
  ];
  for (const [name, launch] of launches) {
    const figures = await measureMemoryUnderLoad(() => ctx.startGateway({ LOG_LEVEL: 'silent' }, launch));
    console.log(`   ${name.padEnd(26)} idle ${figures.idleAtStart.toFixed(0)} MB   peak ${figures.peak.toFixed(0).padStart(4)} MB   idle after ${figures.idleAfter.toFixed(0)} MB`);
  }
  console.log(`   (npm start: ${[...Object.entries(npmStart.env).map(([k, v]) => `${k}=${v}`), ...npmStart.flags].join(' ')})`);
}

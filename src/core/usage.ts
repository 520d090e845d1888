import type { Usage } from './model-event.js';

export const noUsage: Usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0 };

export function sumUsage(usages: readonly Usage[]): Usage {
  return usages.reduce(
    (sum, u) => ({
      inputTokens: sum.inputTokens + u.inputTokens,
      outputTokens: sum.outputTokens + u.outputTokens,
      cacheReadTokens: sum.cacheReadTokens + u.cacheReadTokens,
      cacheCreationTokens: sum.cacheCreationTokens + u.cacheCreationTokens,
    }),
    noUsage,
  );
}

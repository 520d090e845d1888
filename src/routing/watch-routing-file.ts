import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Logger } from 'pino';

/** Editors save in bursts (write, rename, chmod; or a temp file renamed over the original): one reload per burst. */
const debounceMs = 150;

/**
 * Calls `changed` after the file is written, replaced or re-created. The directory is watched, not the file: an
 * editor that saves by renaming a new file over the old one would otherwise leave the watch on a deleted inode.
 */
export function watchRoutingFile(path: string, changed: () => void, logger: Pick<Logger, 'error'>): { close(): void } {
  const name = basename(path);
  let timer: NodeJS.Timeout | undefined;
  // A Kubernetes ConfigMap volume swaps a `..data` symlink: its events carry that name, not the file's.
  const watcher: FSWatcher = watch(dirname(path), { persistent: false }, (_event, file) => {
    if (file !== null && file !== name && !file.startsWith('..')) return;
    clearTimeout(timer);
    timer = setTimeout(changed, debounceMs);
  });
  watcher.on('error', (error) => logger.error({ err: error.message, configFile: path }, 'config file no longer watched: the last good config stays'));
  return {
    close: () => {
      clearTimeout(timer);
      watcher.close();
    },
  };
}

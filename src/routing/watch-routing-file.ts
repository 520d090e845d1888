import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

/** Editors save in bursts (write, rename, chmod; or a temp file renamed over the original): one reload per burst. */
const debounceMs = 150;

/**
 * Calls `changed` after the file is written, replaced or re-created. The directory is watched, not the file: an
 * editor that saves by renaming a new file over the old one would otherwise leave the watch on a deleted inode.
 */
export function watchRoutingFile(path: string, changed: () => void): { close(): void } {
  const name = basename(path);
  let timer: NodeJS.Timeout | undefined;
  const watcher: FSWatcher = watch(dirname(path), { persistent: false }, (_event, file) => {
    if (file !== null && file !== name) return;
    clearTimeout(timer);
    timer = setTimeout(changed, debounceMs);
  });
  watcher.on('error', () => undefined); // the directory went away; the last good config stays
  return {
    close: () => {
      clearTimeout(timer);
      watcher.close();
    },
  };
}

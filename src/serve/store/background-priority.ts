/**
 * Background priority for the store threads. On a small machine the server's thread, the store
 * threads and the garbage collector's helpers share a few cores; when a store thread runs a
 * monitor's window read or a log batch while a request is waiting, the request waits for a core.
 * Linux schedules each thread on its own, and a thread may lower its own priority (raise its
 * nice value) without privileges, so each store thread does that for itself: it still gets the
 * idle time, which is most of it, and yields to the server's thread under contention.
 */
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** The nice value of the store threads (the server's thread keeps the process's, usually 0). */
export const BACKGROUND_NICE = 10;

/**
 * Lowers the calling thread's priority to {@link BACKGROUND_NICE} (never raises it); returns the
 * thread id it applied to, or undefined where threads cannot be told apart (not Linux).
 *
 * @example
 * // first thing in a worker thread
 * runInBackground();
 */
export function runInBackground(): number | undefined {
  try {
    // /proc/thread-self names the calling thread: "<pid>/task/<tid>".
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid)) return undefined;
    if (getPriority(tid) < BACKGROUND_NICE) setPriority(tid, BACKGROUND_NICE);
    return tid;
  } catch {
    // No /proc (not Linux) or not permitted: the thread keeps the process's priority.
    return undefined;
  }
}

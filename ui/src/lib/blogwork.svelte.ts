// The blog work running (adding or checking blogs), kept outside the Blogs view so that it
// outlives it: the reader can go reading and come back to its progress or its result.
import { api, type BlogProgress, type BlogReport } from './api';
import { describeError, describeFileError, errorKind } from './errors';

export const blogWork = $state({
  /** What is running, in words ("Adding the blog…"); null when nothing is. */
  running: null as string | null,
  /** The last progress sent while it runs. */
  progress: null as BlogProgress | null,
  /** What the last finished work did, one report per blog. */
  reports: null as BlogReport[] | null,
  /** What the last work could not do, in words. */
  failure: null as string | null,
  /** Whether that failure is an expected one, told quietly (offline, stopped by the reader). */
  quiet: false,
});

let listening: Promise<unknown> | null = null;

/** Runs blog work, one piece at a time: its progress, then its reports or its failure. A null
 * answer (no file chosen in the dialog) leaves the last result as it was. */
export async function runBlogWork(label: string, work: () => Promise<BlogReport[] | null>): Promise<void> {
  if (blogWork.running) return;
  listening ??= api
    .onBlogProgress((p) => {
      if (blogWork.running) blogWork.progress = p;
    })
    .catch(() => null);
  await listening;
  blogWork.running = label;
  blogWork.progress = null;
  try {
    const reports = await work();
    if (reports) {
      blogWork.reports = reports;
      blogWork.failure = null;
    }
  } catch (e) {
    const kind = errorKind(e);
    blogWork.reports = null;
    blogWork.quiet = kind === 'offline' || kind === 'cancelled';
    blogWork.failure = blogWork.quiet ? describeError(kind) : describeFileError(e);
  } finally {
    blogWork.running = null;
    blogWork.progress = null;
  }
}

/** Asks the work running to stop; what was written stays. */
export async function cancelBlogWork(): Promise<void> {
  await api.cancelBlogWork().catch(() => {});
}

import type { ErrorKind } from './api';

/** What to tell the reader for each kind of error. */
export function describeError(kind: ErrorKind | 'unknown'): string {
  switch (kind) {
    case 'not_found':
      return 'This is not in the library (it may have been removed from the content).';
    case 'database':
      return 'The library database could not be read. Restarting Lectern rebuilds it.';
    case 'io':
      return 'A file or folder could not be read.';
    case 'content':
      return 'The content folder is missing or unusable.';
    case 'invalid':
      return 'That cannot be done as asked.';
    case 'offline':
      return 'The site could not be reached: you may be offline, or the site is down. Nothing changed.';
    case 'cancelled':
      return 'Stopped. What was fetched is kept, and the next run goes on from there.';
    default:
      return 'Something went wrong.';
  }
}

export function errorKind(e: unknown): ErrorKind | 'unknown' {
  if (e && typeof e === 'object' && 'kind' in e && typeof (e as { kind: unknown }).kind === 'string') {
    return (e as { kind: ErrorKind }).kind;
  }
  return 'unknown';
}

/** The error's own words (naming the file and what is wrong with it), when it has them. */
export function errorDetail(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in e && typeof (e as { message: unknown }).message === 'string') {
    return (e as { message: string }).message;
  }
  return '';
}

/** What to tell the reader of a failed file operation: the kind, then the error's own words. */
export const describeFileError = (e: unknown): string => [describeError(errorKind(e)), errorDetail(e)].filter(Boolean).join(' ');

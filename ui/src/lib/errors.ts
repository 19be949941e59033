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

/** A run that cannot start as asked (a missing path, a bad configuration): exit 2, nothing written. */
export class UsageError extends Error {}

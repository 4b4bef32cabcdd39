// Typed errors with stable codes. Only the CLI entry turns them into exit statuses.

export type GuardErrorCode =
  | 'USAGE'
  | 'INTERPOLATION'
  | 'COMPOSE_FILE'
  | 'PROJECT'
  | 'POLICY'
  | 'REAL_BINARY_NOT_FOUND';

export class GuardError extends Error {
  readonly code: GuardErrorCode;

  constructor(code: GuardErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'GuardError';
  }
}

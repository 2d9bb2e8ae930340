/**
 * Errors a person can act on. A `UserError` is bad input (a spec, a config, a flag, a git ref):
 * the CLI prints its one line and exits 2, with no stack trace unless `--debug`.
 */
export interface SourcePosition {
  file: string;
  line?: number;
  column?: number;
}

export class UserError extends Error {
  readonly position?: SourcePosition;
  readonly hint?: string;
  constructor(message: string, options: { position?: SourcePosition; hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UserError';
    this.position = options.position;
    this.hint = options.hint;
  }

  /** `file:line:col: message (hint)` — the one line the CLI prints. */
  toLine(): string {
    const where = formatPosition(this.position);
    const hint = this.hint ? ` (${this.hint})` : '';
    return `${where ? `${where}: ` : ''}${this.message}${hint}`;
  }
}

export function formatPosition(position: SourcePosition | undefined): string {
  if (!position) return '';
  let text = position.file;
  if (position.line !== undefined) {
    text += `:${position.line}`;
    if (position.column !== undefined) text += `:${position.column}`;
  }
  return text;
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

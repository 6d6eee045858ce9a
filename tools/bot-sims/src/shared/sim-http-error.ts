/** A platform error answer; `body` replaces the platform's default error body when given. */
export class SimHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: unknown,
  ) {
    super(message);
  }
}

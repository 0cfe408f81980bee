// A UserError is the user's own mistake or a rule they ran into: it is shown
// only to them, with what was wrong and how to fix it, and is not logged as a
// fault. Anything else thrown is unexpected, logged with context, and the user
// sees a short apology with a reference.
export class UserError extends Error {
  constructor(
    /** Stable identifier, e.g. "enrolment.notEnrolled", for tests and logs. */
    readonly id: string,
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

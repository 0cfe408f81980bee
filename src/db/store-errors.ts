/** The store could not be opened: the message names the setting and the fix, in one line. */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}

/** Bad input caught before anything is sent (an empty node id, a missing credential…). */
export class RequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequestError';
  }
}

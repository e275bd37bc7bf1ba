/**
 * Arguments that passed validation but name something that does not exist (e.g. an unknown tag
 * name), found by a composite operation before it writes anything. The engine answers with an
 * `isError` result carrying this text, written for the model to correct its call.
 */
export class ArgumentError extends Error {
  override readonly name = "ArgumentError";
}

/**
 * eDesk error envelope (docs/edesk-api.md §3): `{"error": {"httpCode", "message", "details"}}`.
 * `details` is a string, except for 400 validation errors where it maps each field to
 * `{"errorCode": "<code>"}` with the code as a string (live behaviour, §3).
 */
export type FieldErrors = Record<string, { errorCode: string }>;
export type ErrorDetails = string | FieldErrors;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: ErrorDetails,
  ) {
    super(message);
  }
}

export function errorBody(status: number, message: string, details: ErrorDetails) {
  return { error: { httpCode: status, message, details } };
}

// GUESS: the wording of 400/404 messages is unknown (docs/edesk-api.md §6); these follow §6's proposal.
export const VALIDATION_MESSAGE = "Validation failed";

export function validationError(details: FieldErrors): ApiError {
  return new ApiError(400, VALIDATION_MESSAGE, details);
}

/** A single-field validation error, e.g. `fieldError("ticket_id", "4002")`. */
export function fieldError(field: string, code: string): ApiError {
  return validationError({ [field]: { errorCode: code } });
}

export function notFound(details: string): ApiError {
  return new ApiError(404, "Not found", details);
}

// eDesk validation error codes and their meanings, copied from the error-codes reference
// (docs/edesk-api.md §3 "Validation codes", CONFIRMED [DEV]). The live API sends the code as a
// string ("4003"), so the table is keyed by string.
const MEANINGS: Readonly<Record<string, string>> = {
  "4001": "missing required field",
  "4002": "object not found",
  "4003": "must be unique",
  "4004": "user cannot access object",
  "4005": "must be numeric",
  "4006": "must be an array",
  "4007": "must be one of the allowed values",
  "4008": "must be a string",
  "4009": "must be a boolean",
  "4010": "must be a valid date",
  "4011": "must be a valid file URL",
  "4012": "must be a valid image URL",
  "4013": "related channel type not supported",
  "4014": "sales order does not belong to the channel",
  "4015": "client and channels do not match",
  "4016": "templates limit exceeded",
  "4017": "item does not belong to the sales order",
  "4018": "custom field value must match the field's type",
  "4019": "attachment must match the attachment request shape",
  "4020": "too many characters",
  "4021": "must be an email address",
  "4022": "message items limit reached",
};

/** The documented meaning of an eDesk validation code, or a neutral phrase for unknown codes. */
export function errorCodeMeaning(code: string): string {
  return MEANINGS[code] ?? "undocumented eDesk error code";
}

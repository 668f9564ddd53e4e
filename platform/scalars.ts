import { GraphQLScalarType, Kind } from "graphql";
import { isIsoDate, toLondonDateTime } from "./dates";
import { invalidScalarValueError } from "./errors/errors";

function parseDate(value: unknown): string {
  if (typeof value !== "string" || !isIsoDate(value)) {
    throw invalidScalarValueError(`Date must be an ISO 8601 calendar date such as 2020-08-13; got ${JSON.stringify(value)}`);
  }
  return value;
}

/** ISO 8601 calendar date, carried as the string "2020-08-13" end to end. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: "Date",
  description: "ISO 8601 calendar date, e.g. 2020-08-13",
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : parseDate(value)),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

const DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): Date {
  const parsed = typeof value === "string" && DATE_TIME_PATTERN.test(value) ? new Date(value) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime())) {
    throw invalidScalarValueError(
      `DateTime must be an ISO 8601 date-time with offset such as 2020-08-13T10:00:00+01:00; got ${JSON.stringify(value)}`,
    );
  }
  return parsed;
}

/** ISO 8601 date-time; served as local time in England and Wales with its offset. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: "DateTime",
  description: "ISO 8601 date-time with offset, e.g. 2020-08-13T10:00:00+01:00",
  serialize: (value) => toLondonDateTime(value instanceof Date ? value : parseDateTime(value)),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

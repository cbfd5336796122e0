import { valueMessage } from './message-descriptor.ts';
import { ProtobufError } from './wire-reader.ts';

/** intstr.IntOrString {type, intVal, strVal}: a number, or a string when type is 1. */
export const intOrString = valueMessage(
  'IntOrString',
  [
    [1, 'type', 'int64'],
    [2, 'intVal', 'int32'],
    [3, 'strVal', 'string'],
  ],
  (decoded) => (decoded.type === 1 ? decoded.strVal : decoded.intVal),
);

/** resource.Quantity {string}: its canonical string. The zero Quantity prints as "0". */
export const quantity = valueMessage('Quantity', [[1, 'string', 'string']], (decoded, length) =>
  length === 0 ? '0' : decoded.string,
);

/** Seconds of Go's zero time.Time (year 1) since the Unix epoch. */
const goZeroTimeSeconds = -62135596800;

/**
 * meta/v1 Time {seconds, nanos} as RFC 3339 in UTC, whole seconds (the real decoder drops the
 * nanoseconds too). An empty message is the zero Time, which prints as null.
 */
export const time = valueMessage(
  'Time',
  [
    [1, 'seconds', 'int64'],
    [2, 'nanos', 'int32'],
  ],
  (decoded, length) => {
    const seconds = decoded.seconds as number;
    if (length === 0 || seconds === goZeroTimeSeconds) return null;
    return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
  },
);

/** meta/v1 FieldsV1 {Raw}: the managed-fields set, which is JSON already. */
export const fieldsV1 = valueMessage('FieldsV1', [[1, 'raw', 'bytes']], (decoded) => {
  const raw = Buffer.from((decoded.raw as string | null) ?? '', 'base64').toString('utf8');
  if (raw === '') return null;
  try {
    return JSON.parse(raw);
  } catch {
    throw new ProtobufError('invalid FieldsV1: its Raw bytes are not JSON');
  }
});

// Month names in order (a name's index divided by 3 is its month) and day names between spaces: strings, smaller
// in a browser bundle than a record and two sets. Case-sensitive, as RFC 9110 spells them.
const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';
const DAYS = ' Monday Tuesday Wednesday Thursday Friday Saturday Sunday ';

/** The month (0-11) of a three-letter month name, or `undefined`. */
function monthOf(name: string): number | undefined {
  const index = MONTHS.indexOf(name);
  return index % 3 === 0 ? index / 3 : undefined;
}

/** True for a three-letter day name (`Mon`): the start of a day name in {@link DAYS}. */
const isShortDay = (name: string): boolean => DAYS.includes(` ${name}`);

// The three HTTP-date forms of RFC 9110 section 5.6.7, anchored and without nested quantifiers (linear time).
const IMF_FIXDATE = /^([A-Za-z]{3}), (\d{2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const RFC_850 = /^([A-Za-z]{6,9}), (\d{2})-([A-Za-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const ASCTIME = /^([A-Za-z]{3}) ([A-Za-z]{3}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

// Delta-seconds: ASCII digits only (anchored, one character class: linear time).
const DIGITS = /^[0-9]+$/;

/** Epoch milliseconds of a valid date, or undefined when a field is out of range (Feb 30, 25:00). */
function toEpoch(
  year: number,
  month: number | undefined,
  day: number,
  hour: number,
  minute: number,
  second: number,
) {
  if (month === undefined || hour > 23 || minute > 59 || second > 60 || day < 1) return undefined;
  const epoch = Date.UTC(year, month, day, hour, minute, Math.min(second, 59));
  return new Date(epoch).getUTCDate() === day ? epoch : undefined;
}

/** RFC 850 has two-digit years: read them as the nearest past-or-present century, per RFC 9110. */
function fullYear(twoDigits: number, nowMs: number): number {
  const currentYear = new Date(nowMs).getUTCFullYear();
  let year = Math.floor(currentYear / 100) * 100 + twoDigits;
  if (year > currentYear + 50) year -= 100;
  return year;
}

/** Parse an HTTP-date (IMF-fixdate, RFC 850 or asctime, all GMT) to epoch milliseconds. */
export function parseHttpDate(text: string, nowMs: number): number | undefined {
  let match = IMF_FIXDATE.exec(text);
  if (match) {
    if (!isShortDay(match[1]!)) return undefined;
    return toEpoch(
      Number(match[4]),
      monthOf(match[3]!),
      Number(match[2]),
      Number(match[5]),
      Number(match[6]),
      Number(match[7]),
    );
  }
  match = RFC_850.exec(text);
  if (match) {
    if (!DAYS.includes(` ${match[1]} `)) return undefined;
    const year = fullYear(Number(match[4]), nowMs);
    return toEpoch(
      year,
      monthOf(match[3]!),
      Number(match[2]),
      Number(match[5]),
      Number(match[6]),
      Number(match[7]),
    );
  }
  match = ASCTIME.exec(text);
  if (match) {
    if (!isShortDay(match[1]!)) return undefined;
    return toEpoch(
      Number(match[7]),
      monthOf(match[2]!),
      Number(match[3]!.trim()),
      Number(match[4]),
      Number(match[5]),
      Number(match[6]),
    );
  }
  return undefined;
}

/**
 * The delay a `Retry-After` value asks for, in milliseconds, or `undefined` when the value is not valid (then
 * the normal backoff applies). Delta-seconds are digits only (`1.5`, `-1`, `+3`, `1e3` are ignored); an
 * HTTP-date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (DIGITS.test(text)) {
    const milliseconds = Number(text) * 1000;
    return Number.isSafeInteger(milliseconds) ? milliseconds : Number.MAX_SAFE_INTEGER;
  }
  if (text.length > 64) return undefined;
  const epoch = parseHttpDate(text, nowMs);
  if (epoch === undefined) return undefined;
  return Math.max(0, epoch - nowMs);
}

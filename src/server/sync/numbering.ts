/**
 * Official ticket numbers: the Beijing calendar day of the server clock plus a per-day sequence,
 * e.g. 20261126-000123. Beijing time is UTC+8 all year (no daylight saving), so no tz database.
 * The client's clock is never used here: it may be hours off.
 */
const BEIJING_OFFSET_MS = 8 * 3600_000;

export function beijingDay(now: Date): string {
  const shifted = new Date(now.getTime() + BEIJING_OFFSET_MS);
  const y = shifted.getUTCFullYear();
  const m = String(shifted.getUTCMonth() + 1).padStart(2, '0');
  const d = String(shifted.getUTCDate()).padStart(2, '0');
  return `${y}${m}${d}`;
}

export function formatOfficialNo(day: string, sequence: number): string {
  return `${day}-${String(sequence).padStart(6, '0')}`;
}

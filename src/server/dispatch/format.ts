/** Beijing wall-clock time (UTC+8, no daylight saving) for lines people read: 2026-11-26 15:00. */
export function formatBeijing(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t + 8 * 3600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}

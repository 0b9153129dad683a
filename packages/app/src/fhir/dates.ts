/** The user's calendar day in their own time zone (YYYY-MM-DD), not UTC's: at 00:30 in Paris, UTC still says yesterday. */
export function today(now: Date = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

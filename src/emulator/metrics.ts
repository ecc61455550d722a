/** Request counters by method and route pattern (e.g. `POST /wiki/api/v2/pages`), resettable. */
export class RequestCounters {
  private readonly counts = new Map<string, number>();
  private total = 0;

  record(method: string, route: string): void {
    const key = `${method} ${route}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.total += 1;
  }

  snapshot(): { total: number; byRoute: Record<string, number> } {
    return { total: this.total, byRoute: Object.fromEntries([...this.counts].sort(([a], [b]) => (a < b ? -1 : 1))) };
  }

  reset(): void {
    this.counts.clear();
    this.total = 0;
  }
}

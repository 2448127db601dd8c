/** Request counts by service and route (GET/DELETE /__sandbox/requests). */
export class RequestLog {
  private total = 0;
  private byService: Record<string, number> = { qbo: 0, karbon: 0, intuit: 0 };
  private byRoute = new Map<string, number>();

  count(service: string, route: string): void {
    this.total += 1;
    this.byService[service] = (this.byService[service] ?? 0) + 1;
    this.byRoute.set(route, (this.byRoute.get(route) ?? 0) + 1);
  }

  snapshot(): { total: number; byService: Record<string, number>; byRoute: Record<string, number> } {
    return {
      total: this.total,
      byService: { ...this.byService },
      byRoute: Object.fromEntries([...this.byRoute].sort(([a], [b]) => a.localeCompare(b))),
    };
  }

  reset(): void {
    this.total = 0;
    this.byService = { qbo: 0, karbon: 0, intuit: 0 };
    this.byRoute.clear();
  }
}

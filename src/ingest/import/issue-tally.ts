import type { RowIssue } from './source-row.ts';

/** What a summary says about rejected rows (or warnings): how many, how many per kind, and the first few. */
export interface IssueReport {
  count: number;
  byReason: Record<string, number>;
  first: { row: number; reason: string }[];
}

/**
 * Counts issues by kind and keeps the first `limit` of them with their row numbers. Kinds never hold cell values,
 * so the tally stays small however many rows a file has.
 */
export class IssueTally {
  private readonly counts = new Map<string, number>();
  private readonly firstIssues: { row: number; reason: string }[] = [];
  private total = 0;

  constructor(private readonly limit: number) {}

  get count(): number {
    return this.total;
  }

  add(row: number, issue: RowIssue): void {
    this.total += 1;
    this.counts.set(issue.kind, (this.counts.get(issue.kind) ?? 0) + 1);
    if (this.firstIssues.length < this.limit) this.firstIssues.push({ row, reason: issue.reason });
  }

  report(): IssueReport {
    const byReason = [...this.counts].sort(([, a], [, b]) => b - a);
    return { count: this.total, byReason: Object.fromEntries(byReason), first: [...this.firstIssues] };
  }
}

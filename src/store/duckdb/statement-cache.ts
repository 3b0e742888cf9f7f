import type {
  DuckDBConnection,
  DuckDBPreparedStatement,
  DuckDBMaterializedResult,
  DuckDBType,
  DuckDBValue,
} from '@duckdb/node-api';

/**
 * Prepared statements of the read connection, kept by SQL text and reused: preparing costs DuckDB a parse, bind and
 * plan and the node API two extra thread-pool round trips per call (extract, prepare), which is most of a point
 * look-up's time. A statement is taken out while it runs, so concurrent callers of the same SQL never rebind one
 * under each other (the second one prepares its own). DuckDB re-binds a kept statement by itself after DDL.
 */
export class StatementCache {
  private readonly idle = new Map<string, DuckDBPreparedStatement>();

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly limit = 256,
  ) {}

  async run(sql: string, values: DuckDBValue[], types: DuckDBType[]): Promise<DuckDBMaterializedResult> {
    const kept = this.idle.get(sql);
    if (kept) this.idle.delete(sql);
    const statement = kept ?? (await this.connection.prepare(sql));
    let isReusable = true;
    try {
      statement.bind(values, types);
      return await statement.run();
    } catch (error) {
      isReusable = false;
      throw error;
    } finally {
      if (!isReusable || this.idle.has(sql)) statement.destroySync();
      else this.keep(sql, statement);
    }
  }

  /** Re-inserting on every use keeps the Map in least-recently-used order: the first entry goes when full. */
  private keep(sql: string, statement: DuckDBPreparedStatement): void {
    this.idle.set(sql, statement);
    if (this.idle.size <= this.limit) return;
    const oldest = this.idle.entries().next();
    if (oldest.done) return;
    this.idle.delete(oldest.value[0]);
    oldest.value[1].destroySync();
  }

  /** How many idle statements are kept (at most the limit). */
  get size(): number {
    return this.idle.size;
  }

  clear(): void {
    for (const statement of this.idle.values()) statement.destroySync();
    this.idle.clear();
  }
}

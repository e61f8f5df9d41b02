import type Database from 'better-sqlite3';

/**
 * Reads the latest staged version of each sourcedId of a run's collection, in sourcedId order, a page
 * at a time: `iterateStaged`, for the report of a run awaiting review.
 *
 * The staging is append-only and indexed by run and collection only (staging speed; see
 * sqlite-commit.ts), so a page query that resolves the latest versions itself sorts the rest of the
 * collection each time: 760,861 records of a held `large` district took 200 s. Each iteration instead
 * resolves them once, into a TEMP table of its own (private to the connection, dropped when the
 * iteration ends), and pages through that by its primary key. What it reads is the staging as it was
 * when the iteration began: a held run stages nothing more.
 */
export function prepareStagedSnapshots(db: Database.Database) {
  let iterations = 0;
  return {
    *pages(
      runSeq: number,
      collection: string,
      after: string,
      pageSize: number,
    ): Generator<readonly { sourced_id: string; record: string }[]> {
      const table = `temp.roster_staged_snapshot_${++iterations}`;
      db.exec(`CREATE TABLE ${table} (sourced_id TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID`);
      try {
        // SQLite takes the bare column of a max() aggregate from the row holding the maximum.
        db.prepare<[number, string, string]>(
          `INSERT INTO ${table} (sourced_id, seq) SELECT sourced_id, max(seq) FROM roster_staged
           WHERE run_seq = ? AND collection = ? AND sourced_id > ? GROUP BY sourced_id`,
        ).run(runSeq, collection, after);
        const page = db.prepare<[string, number], { sourced_id: string; record: string }>(
          `SELECT t.sourced_id, s.record FROM ${table} t JOIN roster_staged s ON s.seq = t.seq
           WHERE t.sourced_id > ? ORDER BY t.sourced_id LIMIT ?`,
        );
        for (let from = after; ; ) {
          const rows = page.all(from, pageSize);
          if (rows.length > 0) yield rows;
          const last = rows.at(-1);
          if (last === undefined || rows.length < pageSize) return;
          from = last.sourced_id;
        }
      } finally {
        // A store closed mid-iteration took its TEMP tables with it.
        if (db.open) db.exec(`DROP TABLE IF EXISTS ${table}`);
      }
    },
  };
}

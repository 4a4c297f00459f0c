import type pg from 'pg';

/**
 * Fills a migrated database with `count` interviews in one institution, as
 * the scheduler would find them on a busy day: most have their next reminder
 * weeks away, a few are due, the ended ones have none. Plain SQL with
 * generate_series, because 100k rows through the API would take minutes.
 * Shared by the claim-plan test and bench/reminders.ts.
 */
export async function seedInterviews(client: pg.Client | pg.Pool, count: number, now: Date, dueEvery = 1000): Promise<string> {
  const institution = 'ins_seed';
  await client.query(`INSERT INTO institutions (id, name) VALUES ($1, 'Seeded Career Centre') ON CONFLICT DO NOTHING`, [institution]);
  await client.query(`INSERT INTO seekers (id, institution_id, name) VALUES ('skr_seed', $1, 'Seeded Seeker') ON CONFLICT DO NOTHING`, [institution]);
  await client.query(`INSERT INTO contacts (id, institution_id, name) VALUES ('con_seed', $1, 'Seeded Contact') ON CONFLICT DO NOTHING`, [institution]);
  await client.query(
    `INSERT INTO interviews (id, institution_id, seeker_id, contact_id, state, requested_at, request_expires_at, next_reminder_at)
     SELECT 'int_seed' || lpad(n::text, 8, '0'), $1, 'skr_seed', 'con_seed',
            CASE WHEN n % 3 = 0 THEN 'closed' ELSE 'requested' END,
            $2::timestamptz - interval '1 day',
            CASE WHEN n % 3 = 0 THEN NULL
                 WHEN n % $4 = 1 THEN $2::timestamptz - interval '1 minute'
                 ELSE $2::timestamptz + (n % 40 + 1) * interval '1 day' END,
            CASE WHEN n % 3 = 0 THEN NULL
                 WHEN n % $4 = 1 THEN $2::timestamptz - interval '1 minute'
                 ELSE $2::timestamptz + (n % 40 + 1) * interval '1 day' END
     FROM generate_series(1, $3::int) AS n`,
    [institution, now, count, dueEvery],
  );
  // ANALYZE samples 300 × the statistics target rows: at the default (100) a
  // random 30k of these 100k, and a sample that catches few of the rare due
  // rows once made the planner expect hundreds and pick a bitmap scan plus a
  // sort. Sampling the whole table makes the statistics, and the plan, the same
  // on every run.
  await client.query('SET default_statistics_target = 1000');
  await client.query('ANALYZE interviews');
  await client.query('RESET default_statistics_target');
  return institution;
}

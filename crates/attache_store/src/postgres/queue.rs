//! [`SourceQueue`] for PostgreSQL: leases taken with `FOR UPDATE SKIP LOCKED`, so any number
//! of workers lease distinct sources without waiting for each other, and expiry measured by
//! the server's clock.

use std::time::Duration;

use postgres::Row;

use super::PgStore;
use crate::error::SqlContext;
use crate::queue::{HostSlots, Lease, Outcome, QueueCounts, SourceQueue, SourceStatus};
use crate::StoreError;

fn seconds(d: Duration) -> f64 {
    d.as_secs_f64().max(1.0)
}

fn status(r: &Row) -> Result<SourceStatus, postgres::Error> {
    Ok(SourceStatus {
        source: r.try_get(0)?,
        state: r.try_get(1)?,
        worker: r.try_get(2)?,
        attempts: r.try_get::<_, i32>(3)?.max(0) as u32,
        lease_left: r.try_get(4)?,
        records: r.try_get::<_, i64>(5)?.max(0) as u64,
        error: r.try_get(6)?,
        updated_at: r.try_get(7)?,
    })
}

impl SourceQueue for PgStore {
    fn enqueue(&mut self, sources: &[String]) -> Result<u64, StoreError> {
        let list: Vec<String> = sources.to_vec();
        let n = self
            .client
            .borrow_mut()
            .execute(
                "INSERT INTO sources (source)
                 SELECT s FROM unnest($1::text[]) WITH ORDINALITY AS t(s, i) ORDER BY i
                 ON CONFLICT (source) DO NOTHING",
                &[&list],
            )
            .during("enqueue sources")?;
        Ok(n)
    }

    fn lease(&mut self, worker: &str, lease: Duration) -> Result<Option<Lease>, StoreError> {
        let row = self
            .client
            .borrow_mut()
            .query_opt(
                "UPDATE sources SET state = 'leased', worker = $1, attempts = attempts + 1,
                   lease_until = now() + make_interval(secs => $2), updated_at = now()
                 WHERE n = (
                   SELECT n FROM sources
                   WHERE state = 'queued' OR (state = 'leased' AND lease_until < now())
                   ORDER BY n FOR UPDATE SKIP LOCKED LIMIT 1)
                 RETURNING source, attempts",
                &[&worker, &seconds(lease)],
            )
            .during("lease a source")?;
        match row {
            Some(r) => Ok(Some(Lease {
                source: r.try_get(0).during("lease a source")?,
                attempts: r.try_get::<_, i32>(1).during("lease a source")?.max(0) as u32,
            })),
            None => Ok(None),
        }
    }

    fn renew(
        &mut self,
        source: &str,
        worker: &str,
        lease: Duration,
        records: u64,
    ) -> Result<bool, StoreError> {
        let n = self
            .client
            .borrow_mut()
            .execute(
                "UPDATE sources SET lease_until = now() + make_interval(secs => $3),
                   records = GREATEST(records, $4), updated_at = now()
                 WHERE source = $1 AND worker = $2 AND state = 'leased'",
                &[&source, &worker, &seconds(lease), &(records as i64)],
            )
            .during("renew a lease")?;
        Ok(n == 1)
    }

    fn finish(
        &mut self,
        source: &str,
        worker: &str,
        outcome: &Outcome,
        records: u64,
    ) -> Result<bool, StoreError> {
        let (state, error) = match outcome {
            Outcome::Done => ("done", None),
            Outcome::Failed(why) => ("failed", Some(why.as_str())),
        };
        let n = self
            .client
            .borrow_mut()
            .execute(
                "UPDATE sources SET state = $3, error = $4, lease_until = NULL,
                   records = GREATEST(records, $5), updated_at = now()
                 WHERE source = $1 AND worker = $2 AND state = 'leased'",
                &[&source, &worker, &state, &error, &(records as i64)],
            )
            .during("finish a source")?;
        Ok(n == 1)
    }

    fn counts(&mut self) -> Result<QueueCounts, StoreError> {
        let r = self
            .client
            .borrow_mut()
            .query_one(
                "SELECT COUNT(*) FILTER (WHERE state = 'queued'),
                        COUNT(*) FILTER (WHERE state = 'leased' AND lease_until >= now()),
                        COUNT(*) FILTER (WHERE state = 'leased' AND lease_until < now()),
                        COUNT(*) FILTER (WHERE state = 'done'),
                        COUNT(*) FILTER (WHERE state = 'failed')
                 FROM sources",
                &[],
            )
            .during("count sources")?;
        let get = |i: usize| -> Result<u64, StoreError> {
            Ok(r.try_get::<_, i64>(i).during("count sources")?.max(0) as u64)
        };
        Ok(QueueCounts {
            queued: get(0)?,
            leased: get(1)?,
            expired: get(2)?,
            done: get(3)?,
            failed: get(4)?,
        })
    }

    fn sources(&mut self) -> Result<Vec<SourceStatus>, StoreError> {
        let rows = self
            .client
            .borrow_mut()
            .query(
                "SELECT source, state, worker, attempts,
                        CASE WHEN state = 'leased'
                             THEN floor(extract(epoch FROM lease_until - now()))::bigint END,
                        records, error,
                        to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')
                 FROM sources ORDER BY n",
                &[],
            )
            .during("list sources")?;
        rows.iter()
            .map(status)
            .collect::<Result<Vec<_>, _>>()
            .during("list sources")
    }
}

impl HostSlots for PgStore {
    fn book_host(&mut self, host: &str, delay: Duration) -> Result<Duration, StoreError> {
        // The row lock of the upsert orders workers booking one host; each takes the slot
        // after the last booked one (or now) and moves it on by `delay`.
        let wait: f64 = self
            .client
            .borrow_mut()
            .query_one(
                "INSERT INTO host_slots AS h (host, next_at)
                 VALUES ($1, clock_timestamp() + make_interval(secs => $2))
                 ON CONFLICT (host) DO UPDATE
                   SET next_at = GREATEST(h.next_at, clock_timestamp())
                                 + make_interval(secs => $2)
                 RETURNING EXTRACT(EPOCH FROM next_at - clock_timestamp())::float8 - $2",
                &[&host, &delay.as_secs_f64()],
            )
            .and_then(|r| r.try_get(0))
            .during("book a request to a host")?;
        Ok(Duration::try_from_secs_f64(wait).unwrap_or(Duration::ZERO))
    }
}

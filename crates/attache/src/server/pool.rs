//! A small pool of store connections, used off the async runtime.
//!
//! SQLite calls block, so each one runs on tokio's blocking threads. A semaphore with one
//! permit per connection bounds how many run at once (and so how many blocking threads the
//! server uses), and a guard puts the connection back even if the call panics.

use std::sync::{Arc, Mutex, PoisonError};

use attache_store::StoreError;
use tokio::sync::Semaphore;

use super::error::ApiError;

/// What the server needs of a store: the core reads and the overview aggregates, on
/// either backend.
pub use attache_store::ReadStore as ServeStore;

/// Connections waiting to be used.
pub struct StorePool {
    idle: Arc<Mutex<Vec<Box<dyn ServeStore>>>>,
    permits: Arc<Semaphore>,
}

impl StorePool {
    /// A pool over already opened connections (at least one).
    pub fn new(connections: Vec<Box<dyn ServeStore>>) -> StorePool {
        let n = connections.len();
        StorePool {
            idle: Arc::new(Mutex::new(connections)),
            permits: Arc::new(Semaphore::new(n)),
        }
    }

    /// Run `f` with a connection on a blocking thread. Store errors become API errors
    /// (invalid queries 400, failures 500).
    pub async fn run<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn ServeStore) -> Result<T, StoreError> + Send + 'static,
    {
        let permit = Arc::clone(&self.permits)
            .acquire_owned()
            .await
            .map_err(|_| ApiError::internal("the store pool is closed"))?;
        let idle = Arc::clone(&self.idle);
        let joined = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let Some(conn) = idle.lock().unwrap_or_else(PoisonError::into_inner).pop() else {
                return Err(ApiError::internal("no store connection is free"));
            };
            let guard = Returned {
                conn: Some(conn),
                idle,
            };
            match guard.conn.as_deref() {
                Some(store) => f(store).map_err(ApiError::from),
                None => Err(ApiError::internal("no store connection is free")),
            }
        })
        .await;
        match joined {
            Ok(result) => result,
            Err(e) => {
                tracing::error!(error = %e, "a store call panicked");
                Err(ApiError::internal("the store call failed unexpectedly"))
            }
        }
    }
}

/// Puts a connection back into the pool when dropped (also while unwinding).
struct Returned {
    conn: Option<Box<dyn ServeStore>>,
    idle: Arc<Mutex<Vec<Box<dyn ServeStore>>>>,
}

impl Drop for Returned {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            self.idle
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(conn);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use attache_store::SqliteStore;

    fn pool(n: usize) -> StorePool {
        let conns = (0..n)
            .map(|_| {
                Box::new(SqliteStore::in_memory().unwrap_or_else(|e| panic!("{e}")))
                    as Box<dyn ServeStore>
            })
            .collect();
        StorePool::new(conns)
    }

    #[tokio::test]
    async fn a_panicking_call_gives_its_connection_back() {
        let p = pool(1);
        let r: Result<(), ApiError> = p.run(|_| panic!("boom")).await;
        assert!(r.is_err());
        let stats = p.run(|s| s.stats()).await;
        assert_eq!(stats.map(|s| s.articles), Ok(0));
    }

    #[tokio::test]
    async fn many_calls_share_few_connections() {
        let p = Arc::new(pool(2));
        let mut tasks = Vec::new();
        for _ in 0..20 {
            let p = Arc::clone(&p);
            tasks.push(tokio::spawn(async move { p.run(|s| s.stats()).await }));
        }
        for t in tasks {
            assert!(matches!(t.await, Ok(Ok(_))));
        }
    }
}

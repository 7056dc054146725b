//! Request metrics in the Prometheus text format, without a metrics framework.
//!
//! Counters per (method, route, status) and a latency histogram per (method, route); the route is
//! the matched route template (`/systems/{code}`), never the raw path, so the number of series is
//! bounded by the route table. Requests that match no route share the route label `unmatched`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::Duration;

use pencere_store::PoolStats;

/// Upper bounds of the latency histogram, in seconds.
const BUCKETS: [f64; 14] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

#[derive(Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

#[derive(Default)]
struct Series {
    requests: BTreeMap<(String, String, u16), u64>,
    latency: BTreeMap<(String, String), Histogram>,
}

/// The server's request metrics.
#[derive(Default)]
pub struct Metrics {
    series: Mutex<Series>,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Metrics")
    }
}

impl Metrics {
    /// Records one finished request.
    pub fn record(&self, method: &str, route: &str, status: u16, elapsed: Duration) {
        let seconds = elapsed.as_secs_f64();
        let Ok(mut series) = self.series.lock() else {
            return;
        };
        *series.requests.entry((method.to_owned(), route.to_owned(), status)).or_default() += 1;
        let histogram = series.latency.entry((method.to_owned(), route.to_owned())).or_default();
        histogram.count += 1;
        histogram.sum += seconds;
        for (bound, count) in BUCKETS.iter().zip(histogram.counts.iter_mut()) {
            if seconds <= *bound {
                *count += 1;
            }
        }
    }

    /// Renders every metric, with the database pools' state, in the Prometheus text format.
    pub fn render(&self, pools: &[PoolStats], backend: &str) -> String {
        let mut out = String::with_capacity(4096);
        let _ = writeln!(out, "# HELP pencere_build_info Version of the running server.");
        let _ = writeln!(out, "# TYPE pencere_build_info gauge");
        let _ =
            writeln!(out, "pencere_build_info{{version=\"{}\",backend=\"{backend}\"}} 1", env!("CARGO_PKG_VERSION"));
        if let Ok(series) = self.series.lock() {
            let _ = writeln!(out, "# HELP pencere_http_requests_total HTTP requests answered.");
            let _ = writeln!(out, "# TYPE pencere_http_requests_total counter");
            for ((method, route, status), count) in &series.requests {
                let _ = writeln!(
                    out,
                    "pencere_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {count}",
                    escape(route)
                );
            }
            let _ = writeln!(out, "# HELP pencere_http_request_duration_seconds Time to answer HTTP requests.");
            let _ = writeln!(out, "# TYPE pencere_http_request_duration_seconds histogram");
            for ((method, route), histogram) in &series.latency {
                let labels = format!("method=\"{method}\",route=\"{}\"", escape(route));
                for (bound, count) in BUCKETS.iter().zip(histogram.counts.iter()) {
                    let _ = writeln!(
                        out,
                        "pencere_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {count}"
                    );
                }
                let _ = writeln!(
                    out,
                    "pencere_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                    histogram.count
                );
                let _ = writeln!(out, "pencere_http_request_duration_seconds_sum{{{labels}}} {}", histogram.sum);
                let _ = writeln!(out, "pencere_http_request_duration_seconds_count{{{labels}}} {}", histogram.count);
            }
        }
        let _ = writeln!(out, "# HELP pencere_db_pool_connections Open database connections by state.");
        let _ = writeln!(out, "# TYPE pencere_db_pool_connections gauge");
        for pool in pools {
            let busy = pool.size.saturating_sub(pool.idle);
            let _ = writeln!(out, "pencere_db_pool_connections{{pool=\"{}\",state=\"idle\"}} {}", pool.pool, pool.idle);
            let _ = writeln!(out, "pencere_db_pool_connections{{pool=\"{}\",state=\"busy\"}} {busy}", pool.pool);
        }
        let _ = writeln!(out, "# HELP pencere_db_pool_max_connections Configured maximum of each pool.");
        let _ = writeln!(out, "# TYPE pencere_db_pool_max_connections gauge");
        for pool in pools {
            let _ = writeln!(out, "pencere_db_pool_max_connections{{pool=\"{}\"}} {}", pool.pool, pool.max);
        }
        out
    }
}

fn escape(label: &str) -> String {
    label.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

/// Appends the operational gauges (see `pencere_store::monitor`) to a metrics text.
pub fn render_gauges(out: &mut String, gauges: Option<&pencere_store::monitor::Gauges>) {
    let mut gauge = |name: &str, help: &str, value: i64| {
        let _ = writeln!(out, "# HELP {name} {help}");
        let _ = writeln!(out, "# TYPE {name} gauge");
        let _ = writeln!(out, "{name} {value}");
    };
    let Some(gauges) = gauges else {
        gauge("pencere_gauges_up", "Whether the operational gauges could be read from the database.", 0);
        return;
    };
    gauge("pencere_gauges_up", "Whether the operational gauges could be read from the database.", 1);
    gauge("pencere_outbox_pending", "Notification messages waiting to be delivered.", gauges.outbox_pending);
    gauge("pencere_outbox_dead", "Notification messages given up on (undelivered notices).", gauges.outbox_dead);
    gauge(
        "pencere_outbox_oldest_pending_seconds",
        "How long the oldest waiting notification has waited: the outbox lag.",
        gauges.outbox_oldest_seconds,
    );
    gauge("pencere_deadlines_open", "Open legal deadlines of applications.", gauges.deadlines_open);
    gauge(
        "pencere_deadlines_past_due",
        "Open deadlines whose last day has passed and that the sweep has not handled yet.",
        gauges.deadlines_past_due,
    );
    gauge("pencere_cases_overdue", "Applications flagged overdue.", gauges.cases_overdue);
    gauge(
        "pencere_audit_unsealed_entries",
        "Audit entries committed but not yet sealed into the hash chain.",
        gauges.audit_unsealed,
    );
    gauge(
        "pencere_audit_oldest_unsealed_seconds",
        "How long the oldest unsealed audit entry has waited: the sealing lag.",
        gauges.audit_oldest_unsealed_seconds,
    );
    let _ =
        writeln!(out, "# HELP pencere_exchange_calls_recent EHİS exchange calls in the last 15 minutes by outcome.");
    let _ = writeln!(out, "# TYPE pencere_exchange_calls_recent gauge");
    for (service, status, count) in &gauges.exchange_recent {
        let _ = writeln!(out, "pencere_exchange_calls_recent{{service=\"{service}\",status=\"{status}\"}} {count}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_buckets_are_cumulative() {
        let metrics = Metrics::default();
        metrics.record("GET", "/", 200, Duration::from_micros(300));
        metrics.record("GET", "/", 200, Duration::from_millis(30));
        metrics.record("GET", "/", 404, Duration::from_secs(20));
        let text = metrics.render(&[], "sqlite");
        assert!(text.contains("pencere_http_requests_total{method=\"GET\",route=\"/\",status=\"200\"} 2"));
        assert!(text.contains("pencere_http_requests_total{method=\"GET\",route=\"/\",status=\"404\"} 1"));
        assert!(
            text.contains("pencere_http_request_duration_seconds_bucket{method=\"GET\",route=\"/\",le=\"0.0005\"} 1")
        );
        assert!(
            text.contains("pencere_http_request_duration_seconds_bucket{method=\"GET\",route=\"/\",le=\"0.05\"} 2")
        );
        assert!(text.contains("pencere_http_request_duration_seconds_bucket{method=\"GET\",route=\"/\",le=\"10\"} 2"));
        assert!(
            text.contains("pencere_http_request_duration_seconds_bucket{method=\"GET\",route=\"/\",le=\"+Inf\"} 3")
        );
    }
}

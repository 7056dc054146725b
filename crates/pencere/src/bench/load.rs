//! The load generator: HTTP/1.1 over loopback with reqwest, one logged-in session per client,
//! and latency samples per kind of request.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use anyhow::{Context as _, anyhow, bail};
use serde::Serialize;

/// The demo accounts' password (`crates/pencere/src/demo.rs`).
const DEMO_PASSWORD: &str = "pencere-demo";

/// One client: its HTTP connection pool and, once logged in, its session.
#[derive(Clone)]
pub(crate) struct Client {
    http: reqwest::Client,
    base: String,
    cookie: Option<String>,
    csrf: Option<String>,
}

/// An answer: status and body.
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) body: String,
}

impl Reply {
    pub(crate) fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }

    pub(crate) fn json(&self) -> anyhow::Result<serde_json::Value> {
        serde_json::from_str(&self.body).with_context(|| format!("answer {}: {}", self.status, self.body))
    }
}

impl Client {
    /// A client of the server at `base` that has not logged in.
    pub(crate) fn anonymous(base: &str) -> anyhow::Result<Client> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(60))
            .pool_max_idle_per_host(4)
            .build()
            .context("building the HTTP client")?;
        Ok(Client { http, base: base.to_owned(), cookie: None, csrf: None })
    }

    /// A client logged in as a demo account with password login.
    pub(crate) async fn login(base: &str, login: &str) -> anyhow::Result<Client> {
        let mut client = Client::anonymous(base)?;
        let body = serde_json::json!({ "login": login, "password": DEMO_PASSWORD }).to_string();
        let response = client
            .http
            .post(format!("{base}/api/v1/session"))
            .header("Content-Type", "application/json")
            .body(body)
            .send()
            .await
            .context("logging in")?;
        let cookie = response
            .headers()
            .get("set-cookie")
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.split(';').next())
            .map(str::to_owned);
        let status = response.status().as_u16();
        let text = response.text().await.context("reading the login answer")?;
        if status != 200 {
            bail!("login as {login}: {status} {text}");
        }
        let session: serde_json::Value = serde_json::from_str(&text).context("the login answer")?;
        client.csrf = session["csrf_token"].as_str().map(str::to_owned);
        client.cookie = Some(cookie.ok_or_else(|| anyhow!("login as {login}: no session cookie"))?);
        Ok(client)
    }

    /// Sends a request; `body` is `(content type, bytes)`.
    pub(crate) async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<(&str, Vec<u8>)>,
        extra: &[(&str, &str)],
    ) -> anyhow::Result<Reply> {
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Some(cookie) = &self.cookie {
            request = request.header("Cookie", cookie);
        }
        if let Some(csrf) = &self.csrf {
            request = request.header("X-CSRF-Token", csrf);
        }
        for (name, value) in extra {
            request = request.header(*name, *value);
        }
        if let Some((kind, bytes)) = body {
            request = request.header("Content-Type", kind).body(bytes);
        }
        let response = request.send().await?;
        let status = response.status().as_u16();
        let body = response.text().await?;
        Ok(Reply { status, body })
    }

    pub(crate) async fn get(&self, path: &str) -> anyhow::Result<Reply> {
        self.send(reqwest::Method::GET, path, None, &[]).await
    }

    pub(crate) async fn post_json(
        &self,
        path: &str,
        body: &serde_json::Value,
        extra: &[(&str, &str)],
    ) -> anyhow::Result<Reply> {
        self.send(reqwest::Method::POST, path, Some(("application/json", body.to_string().into_bytes())), extra).await
    }
}

/// Latencies of one kind of request, and its failures.
#[derive(Clone, Debug, Default)]
pub(crate) struct Samples {
    micros: Vec<u64>,
    errors: u64,
    first_error: Option<String>,
}

impl Samples {
    pub(crate) fn record(&mut self, started: Instant) {
        self.micros.push(started.elapsed().as_micros() as u64);
    }

    pub(crate) fn fail(&mut self, what: String) {
        self.errors += 1;
        if self.first_error.is_none() {
            self.first_error = Some(what);
        }
    }

    fn merge(&mut self, other: Samples) {
        self.micros.extend(other.micros);
        self.errors += other.errors;
        if self.first_error.is_none() {
            self.first_error = other.first_error;
        }
    }
}

/// Samples by request kind, from one client or merged from all.
#[derive(Clone, Debug, Default)]
pub(crate) struct Recorder(pub(crate) BTreeMap<&'static str, Samples>);

impl Recorder {
    pub(crate) fn kind(&mut self, name: &'static str) -> &mut Samples {
        self.0.entry(name).or_default()
    }

    pub(crate) fn merge(&mut self, other: Recorder) {
        for (name, samples) in other.0 {
            self.kind(name).merge(samples);
        }
    }

    /// The summary of each kind over `seconds` of load.
    pub(crate) fn summaries(&self, seconds: f64) -> Vec<Summary> {
        self.0.iter().map(|(name, samples)| Summary::of(name, samples, seconds)).collect()
    }
}

/// The figures of one kind of request.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Summary {
    pub(crate) name: String,
    pub(crate) count: u64,
    pub(crate) errors: u64,
    pub(crate) per_second: f64,
    pub(crate) p50_ms: f64,
    pub(crate) p95_ms: f64,
    pub(crate) p99_ms: f64,
    pub(crate) max_ms: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) first_error: Option<String>,
}

impl Summary {
    fn of(name: &str, samples: &Samples, seconds: f64) -> Summary {
        let mut sorted = samples.micros.clone();
        sorted.sort_unstable();
        let at = |quantile: f64| -> f64 {
            if sorted.is_empty() {
                return 0.0;
            }
            let index = ((sorted.len() as f64 * quantile).ceil() as usize).clamp(1, sorted.len()) - 1;
            sorted[index] as f64 / 1000.0
        };
        Summary {
            name: name.to_owned(),
            count: sorted.len() as u64,
            errors: samples.errors,
            per_second: if seconds > 0.0 { sorted.len() as f64 / seconds } else { 0.0 },
            p50_ms: at(0.50),
            p95_ms: at(0.95),
            p99_ms: at(0.99),
            max_ms: sorted.last().map_or(0.0, |micros| *micros as f64 / 1000.0),
            first_error: samples.first_error.clone(),
        }
    }
}

/// Runs `work` once for each prepared client state at once, until `duration` has passed; each
/// gets its state and the moment to stop, and returns its samples. Returns the merged samples
/// and the seconds the load took.
pub(crate) async fn drive<S, F, Fut>(states: Vec<S>, duration: Duration, work: F) -> anyhow::Result<(Recorder, f64)>
where
    F: Fn(S, Instant) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<Recorder>> + Send + 'static,
{
    let started = Instant::now();
    let until = started + duration;
    let tasks: Vec<_> = states.into_iter().map(|state| tokio::spawn(work(state, until))).collect();
    let mut all = Recorder::default();
    for task in tasks {
        all.merge(task.await.context("a client task")??);
    }
    Ok((all, started.elapsed().as_secs_f64()))
}

/// Logs `clients` clients in as `login`, a few at a time (password hashing is deliberately slow).
pub(crate) async fn login_many(base: &str, login: &str, clients: usize) -> anyhow::Result<Vec<Client>> {
    let mut all = Vec::with_capacity(clients);
    while all.len() < clients {
        let batch = (clients - all.len()).min(8);
        let logins: Vec<_> = (0..batch)
            .map(|_| {
                let base = base.to_owned();
                let login = login.to_owned();
                tokio::spawn(async move { Client::login(&base, &login).await })
            })
            .collect();
        for task in logins {
            all.push(task.await.context("a login task")??);
        }
    }
    Ok(all)
}

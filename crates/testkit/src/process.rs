//! Running the `pencere` binary as a user would: a clean environment, a working directory of its
//! own, its output read line by line, and plain HTTP/1.1 over loopback to talk to it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// A `pencere` command with an empty environment (but for `PATH`) in its own working directory,
/// so no `PENCERE_*` variable or `pencere.toml` of the developer's leaks into a test.
pub fn command(bin: &Path, workdir: &Path) -> Command {
    let mut command = Command::new(bin);
    command.env_clear().current_dir(workdir);
    if let Some(path) = std::env::var_os("PATH") {
        command.env("PATH", path);
    }
    command
}

/// Runs a command to completion with a time limit.
pub fn run(mut command: Command) -> Output {
    let child =
        command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn pencere");
    let (done, wait) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(child.wait_with_output());
    });
    wait.recv_timeout(Duration::from_secs(60)).expect("pencere did not finish within 60 s").expect("wait for pencere")
}

/// A running `pencere serve`, stopped (SIGKILL) when dropped.
pub struct Server {
    child: Option<Child>,
    /// The base URL it announced, e.g. `http://127.0.0.1:41234`.
    pub url: String,
    /// Everything it printed on standard output up to the announcement, and after it.
    lines: mpsc::Receiver<String>,
    announced: Vec<String>,
}

impl Server {
    /// Starts the command (which must be a `serve`) and waits for its "listening on" line, the
    /// last of its start-up announcement.
    pub fn start(mut command: Command) -> Server {
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn pencere serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut stderr = child.stderr.take().expect("stderr");
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        // Drain standard error so the server never blocks on a full pipe.
        std::thread::spawn(move || {
            let mut sink = Vec::new();
            let _ = stderr.read_to_end(&mut sink);
        });
        let mut announced = Vec::new();
        loop {
            match lines.recv_timeout(Duration::from_secs(60)) {
                Ok(line) => {
                    let url = line.strip_prefix("Pəncərə is listening on ").map(str::to_owned);
                    announced.push(line);
                    if let Some(url) = url {
                        return Server { child: Some(child), url, lines, announced };
                    }
                }
                Err(_) => {
                    let _ = child.kill();
                    let status = child.wait();
                    panic!("pencere serve did not announce its address ({status:?}); printed: {announced:#?}");
                }
            }
        }
    }

    /// The lines printed so far (the announcement and whatever followed).
    pub fn output(&mut self) -> &[String] {
        while let Ok(line) = self.lines.try_recv() {
            self.announced.push(line);
        }
        &self.announced
    }

    /// `GET path` on this server.
    pub fn get(&self, path: &str) -> (u16, String) {
        http_get(&format!("{}{path}", self.url))
    }

    /// Sends SIGTERM and waits for the process to exit.
    pub fn terminate(mut self) -> ExitStatus {
        let mut child = self.child.take().expect("the server is running");
        let pid = child.id().to_string();
        let sent = Command::new("kill").args(["-TERM", &pid]).status().expect("run kill");
        assert!(sent.success(), "kill -TERM {pid}");
        let (done, wait) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = done.send(child.wait());
        });
        wait.recv_timeout(Duration::from_secs(30)).expect("pencere did not stop within 30 s of SIGTERM").expect("wait")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// A minimal HTTP/1.1 GET over loopback: the status and the body.
pub fn http_get(url: &str) -> (u16, String) {
    let reply = http_request("GET", url, &[], "");
    (reply.status, reply.body)
}

/// What [`http_request`] got back.
#[derive(Debug)]
pub struct HttpReply {
    /// The status code.
    pub status: u16,
    /// The header block, as text.
    pub headers: String,
    /// The body (the server answers with `Content-Length`, never chunked, for these calls).
    pub body: String,
}

impl HttpReply {
    /// The value of the first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim().eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }
}

/// A minimal HTTP/1.1 request over loopback with extra headers and a body.
pub fn http_request(method: &str, url: &str, headers: &[(&str, &str)], body: &str) -> HttpReply {
    try_http_request(method, url, headers, body).unwrap_or_else(|error| panic!("{method} {url}: {error}"))
}

/// The same request, answering an error instead of panicking when the server cannot be reached
/// or stops mid-answer (a server killed under load).
pub fn try_http_request(method: &str, url: &str, headers: &[(&str, &str)], body: &str) -> Result<HttpReply, String> {
    let rest = url.strip_prefix("http://").ok_or("not an http:// URL")?;
    let (authority, path) = rest.find('/').map_or((rest, "/"), |at| (&rest[..at], &rest[at..]));
    let mut stream = TcpStream::connect(authority).map_err(|error| format!("connect: {error}"))?;
    stream.set_read_timeout(Some(Duration::from_secs(30))).map_err(|error| error.to_string())?;
    let mut request =
        format!("{method} {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\nAccept-Language: az\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(request.as_bytes()).map_err(|error| format!("send: {error}"))?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).map_err(|error| format!("read: {error}"))?;
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text.split(' ').nth(1).and_then(|code| code.parse().ok()).ok_or("no status line")?;
    let (headers, body) = text.split_once("\r\n\r\n").map(|(h, b)| (h.to_owned(), b.to_owned())).unwrap_or_default();
    Ok(HttpReply { status, headers, body })
}

/// A path inside a regular file: no directory can ever be created there.
pub fn unwritable_dir(inside: &Path) -> PathBuf {
    let file = inside.join("not-a-directory");
    std::fs::write(&file, b"a file").expect("write a file");
    file.join("data")
}

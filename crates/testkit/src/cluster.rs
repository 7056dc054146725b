//! PostgreSQL clusters of a test's own, for tests that kill, promote or replicate a server: a
//! primary made with `initdb` and standbys made with `pg_basebackup -R`, each on a free loopback
//! port, found and run as `scripts/lib.sh` does (the newest `/usr/lib/postgresql/*/bin`, and as
//! the `postgres` user when the tests run as root, since `initdb` refuses root).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

/// The newest installed PostgreSQL server's `bin` directory, like `pg_bindir` in `scripts/lib.sh`.
pub fn pg_bindir() -> Option<PathBuf> {
    let mut found: Vec<(Vec<u32>, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .filter_map(|entry| {
            let version =
                entry.file_name().to_string_lossy().split('.').map(str::parse).collect::<Result<_, _>>().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").is_file().then_some((version, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin)
}

fn running_as_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|output| output.stdout.trim_ascii() == b"0")
}

/// A free TCP port on loopback (free when asked; the cluster binds it right after).
pub fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    listener.local_addr().expect("local address").port()
}

/// One PostgreSQL server: its data directory under the test's directory, its port, and its log.
/// Dropping it stops the server at once (`pg_ctl stop -m immediate`).
pub struct Cluster {
    bin: PathBuf,
    home: PathBuf,
    port: u16,
    as_owner: bool,
}

impl Cluster {
    /// `initdb` of a new cluster in `PARENT/NAME` whose superuser `pencere` logs in without a
    /// password from loopback (trust), not started yet.
    pub fn init(parent: &Path, name: &str) -> Cluster {
        let bin = pg_bindir().expect("no PostgreSQL server under /usr/lib/postgresql (scripts/test installs it)");
        let cluster = Cluster::prepare(bin, parent, name);
        cluster.run_ok(
            Command::new(cluster.bin.join("initdb")).arg("-D").arg(cluster.data()).args([
                "-U",
                "pencere",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]),
            "initdb",
        );
        cluster
    }

    /// A standby of `primary` in `PARENT/NAME`: `pg_basebackup -R` as `user` over loopback (a
    /// role with REPLICATION), which writes `standby.signal` and `primary_conninfo`.
    pub fn base_backup(primary: &Cluster, user: &str, parent: &Path, name: &str) -> Cluster {
        let cluster = Cluster::prepare(primary.bin.clone(), parent, name);
        cluster.run_ok(
            Command::new(cluster.bin.join("pg_basebackup"))
                .args(["-h", "127.0.0.1", "-p", &primary.port.to_string(), "-U", user, "-D"])
                .arg(cluster.data())
                .args(["-R", "-X", "stream", "--checkpoint=fast"]),
            "pg_basebackup",
        );
        cluster
    }

    fn prepare(bin: PathBuf, parent: &Path, name: &str) -> Cluster {
        let home = parent.join(name);
        std::fs::create_dir_all(&home).expect("the cluster's directory");
        let as_owner = running_as_root();
        if as_owner {
            // The server runs as postgres: it needs its directory, and a way through the parents.
            let status = Command::new("chown").arg("-R").arg("postgres:").arg(parent).status().expect("run chown");
            assert!(status.success(), "chown postgres {}", parent.display());
        }
        Cluster { bin, home, port: free_port(), as_owner }
    }

    fn data(&self) -> PathBuf {
        self.home.join("data")
    }

    /// The server's port on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The URL of a database on this server as the superuser `pencere`.
    pub fn url(&self, database: &str) -> String {
        format!("postgres://pencere@127.0.0.1:{}/{database}", self.port)
    }

    /// Adds a line at the top of `pg_hba.conf` (the first matching line wins).
    pub fn allow(&self, hba_line: &str) {
        let path = self.data().join("pg_hba.conf");
        let old = std::fs::read_to_string(&path).expect("read pg_hba.conf");
        std::fs::write(&path, format!("{hba_line}\n{old}")).expect("write pg_hba.conf");
    }

    /// Starts the server on its port with these `-c name=value` settings and waits until it
    /// accepts connections (or, for a standby, until it is consistent enough to be started).
    pub fn start(&self, settings: &[&str]) {
        let mut options = format!("-p {} -k {} -c listen_addresses=127.0.0.1", self.port, self.home.display());
        for setting in settings {
            options.push_str(&format!(" -c {setting}"));
        }
        self.run_ok(
            Command::new(self.bin.join("pg_ctl"))
                .arg("-D")
                .arg(self.data())
                .arg("-l")
                .arg(self.home.join("server.log"))
                .args(["-w", "-t", "60", "-o", &options, "start"]),
            "pg_ctl start",
        );
    }

    /// Kills the server as a power cut would: SIGKILL to the postmaster and then to each of its
    /// processes, with no shutdown of any kind.
    pub fn kill(&self) {
        let pid_file = std::fs::read_to_string(self.data().join("postmaster.pid")).expect("postmaster.pid");
        let postmaster: u32 = pid_file.lines().next().and_then(|line| line.trim().parse().ok()).expect("a pid");
        let children = children_of(postmaster);
        let mut pids = vec![postmaster.to_string()];
        pids.extend(children.iter().map(u32::to_string));
        // A child may exit between the listing and the kill: the status is not checked.
        let _ = Command::new("kill").arg("-KILL").args(&pids).status();
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while std::path::Path::new(&format!("/proc/{postmaster}")).exists()
            && std::fs::read_to_string(format!("/proc/{postmaster}/stat")).is_ok_and(|stat| !stat.contains(") Z "))
        {
            assert!(std::time::Instant::now() < deadline, "the postmaster {postmaster} survived SIGKILL");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// `pg_ctl promote -w`: the standby ends recovery and becomes a primary.
    pub fn promote(&self) {
        self.run_ok(
            Command::new(self.bin.join("pg_ctl")).arg("-D").arg(self.data()).args(["-w", "-t", "60", "promote"]),
            "pg_ctl promote",
        );
    }

    /// The server's log so far, for failure messages.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.home.join("server.log")).unwrap_or_default()
    }

    fn run(&self, command: &mut Command) -> Output {
        let mut wrapped = if self.as_owner {
            let mut wrapped = Command::new("runuser");
            wrapped.args(["-u", "postgres", "--"]).arg(command.get_program());
            wrapped
        } else {
            Command::new(command.get_program())
        };
        wrapped.args(command.get_args()).output().expect("run a PostgreSQL program")
    }

    fn run_ok(&self, command: &mut Command, what: &str) {
        let output = self.run(command);
        assert!(
            output.status.success(),
            "{what} failed: {}{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr),
            self.log()
        );
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if self.data().join("postmaster.pid").exists() {
            let _ = self.run(Command::new(self.bin.join("pg_ctl")).arg("-D").arg(self.data()).args([
                "-m",
                "immediate",
                "stop",
            ]));
        }
    }
}

/// The processes whose parent is `pid`, from `/proc`.
fn children_of(pid: u32) -> Vec<u32> {
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let child: u32 = entry.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
            // The command name may hold spaces and parentheses: the fields follow the last ')'.
            let after = stat.rsplit_once(')')?.1;
            let parent: u32 = after.split_whitespace().nth(1)?.parse().ok()?;
            (parent == pid).then_some(child)
        })
        .collect()
}

# Shared helpers for the scripts in this folder. Source it; it defines functions only.
# shellcheck shell=bash

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# A free TCP port on loopback.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Installs Debian packages that are missing; the names are checked with dpkg first.
ensure_debs() {
  local missing=()
  local package
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The newest installed PostgreSQL server's bin directory.
pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] || { echo "no PostgreSQL server under /usr/lib/postgresql" >&2; return 1; }
  echo "$dir"
}

# Runs a command as the PostgreSQL owner: initdb refuses to run as root.
as_pg_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# Starts a throwaway PostgreSQL cluster in DIR on a free loopback port and prints its URL.
# Stop it with stop_postgres DIR.
start_postgres() {
  local dir=$1
  local bin port
  bin=$(pg_bindir)
  port=$(free_port)
  mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  as_pg_owner "$bin/initdb" -D "$dir/data" -U pencere --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; return 1; }
  # Durability settings are relaxed: these clusters hold only test data and die with the run.
  as_pg_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$dir/server.log" >&2; return 1; }
  echo "postgres://pencere@127.0.0.1:$port/postgres"
}

stop_postgres() {
  local dir=$1
  [ -d "$dir/data" ] || return 0
  as_pg_owner "$(pg_bindir)/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
}

# Waits until URL answers 200, or fails after SECONDS.
wait_for_http() {
  local url=$1 seconds=${2:-60}
  local deadline=$((SECONDS + seconds))
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || { echo "timed out waiting for $url" >&2; return 1; }
    sleep 0.2
  done
}

# Starts a real SMTP server (aiosmtpd from Debian) on a free loopback port that files every
# message into the maildir DIR/maildir; prints its smtp:// URL. Stop it with stop_smtp DIR.
start_smtp() {
  local dir=$1
  local port
  port=$(free_port)
  mkdir -p "$dir"
  /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$port" -c aiosmtpd.handlers.Mailbox "$dir/maildir" \
    >"$dir/smtp.log" 2>&1 &
  echo $! >"$dir/smtp.pid"
  local deadline=$((SECONDS + 30))
  until python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1).close()" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || { cat "$dir/smtp.log" >&2; return 1; }
    sleep 0.2
  done
  echo "smtp://127.0.0.1:$port"
}

stop_smtp() {
  local dir=$1
  [ -f "$dir/smtp.pid" ] && kill "$(cat "$dir/smtp.pid")" 2>/dev/null || true
}

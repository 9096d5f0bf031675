#!/usr/bin/env bash
# The build and start steps of every deployment, in one place: deploy/Dockerfile and deploy/teammodel-bot.service call
# this script, and CI runs `deploy/check.sh` (no argument), which builds, starts the bot the same way and checks it.
#
#   deploy/check.sh install         npm ci (exactly what package-lock.json pins; needs python3, make and g++)
#   deploy/check.sh build           npm run build (src/ -> dist/; needs the dev dependencies)
#   deploy/check.sh start           runs the bot in the foreground: exec node --max-old-space-size=192 --max-semi-space-size=8 dist/main.js
#   deploy/check.sh backup DIR DAYS a backup to DIR/teammodel-<UTC time>.sqlite, then deletes copies older than DAYS
#   deploy/check.sh [check]         CI: build, start on a temporary database and a free port in local mode, wait for
#                                   /readyz 200, a second instance on the same file must exit 1, SIGTERM must exit 0,
#                                   a backup of the running bot must pass audit:verify, the unit files must lint
#                                   (systemd-analyze, when present), and the Dockerfile must refer to files that exist.
#                                   Ends with one line "deploy check: PASS" or "deploy check: FAIL (...)".
set -uo pipefail

# The physical path (-P), also when /opt/teammodel-bot is a symlink to a release directory: src/main.ts only starts
# the bot when the entry path node was given is the real path of dist/main.js.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
# The start command, exactly as the Dockerfile and the systemd unit run it (docs/decisions.md, "How the bot runs").
START=(node --max-old-space-size=192 --max-semi-space-size=8 dist/main.js)

install_step() {
  cd "$ROOT" && npm ci --no-audit --no-fund
}

build_step() {
  cd "$ROOT" && npm run --silent build
}

# The Node.js on PATH is at least the major version package.json "engines" asks for (an unsupported Node is refused
# before anything starts, with what to install).
require_node() {
  node -e '
    const engines = require(process.argv[1]).engines.node;
    const min = Number(/>=\s*(\d+)/.exec(engines)?.[1] ?? NaN);
    const have = Number(process.versions.node.split(".")[0]);
    if (have < min) {
      console.error(`teammodel-bot needs Node.js ${engines}; this is ${process.version} (${process.execPath}). Install Node.js ${min} (docs/deploy.md, section 1).`);
      process.exit(1);
    }' "$ROOT/package.json"
}

start_step() {
  cd "$ROOT" || exit 1
  require_node || exit 1
  exec "${START[@]}"
}

backup_step() {
  local dir="${1:-}" days="${2:-}"
  if [ -z "$dir" ] || ! [[ "$days" =~ ^[0-9]+$ ]] || [ "$days" -lt 1 ]; then
    echo "usage: deploy/check.sh backup <directory> <days to keep, at least 1>" >&2
    return 2
  fi
  local target
  target="$dir/teammodel-$(date -u +%Y-%m-%dT%H%M%SZ).sqlite"
  # tsx directly, not `npm run backup`: the same script without npm (which wants a writable home directory).
  (cd "$ROOT" && "$ROOT/node_modules/.bin/tsx" src/cli/backup.ts "$target") || return $?
  # Rotation only after a good copy: a failing backup never deletes the older ones.
  find "$dir" -maxdepth 1 -type f \( -name 'teammodel-*.sqlite' -o -name 'teammodel-*.sqlite-audit-checkpoint.json' \) \
    -mtime "+$((days - 1))" -print -delete
}

# ---------------------------------------------------------------------------------------------------------------
# CI check

TMP=""
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null; done
  [ -n "$TMP" ] && rm -rf "$TMP"
}

FAILED=""
fail() {
  echo "FAIL: $*"
  FAILED="${FAILED:+$FAILED; }$*"
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# HTTP status of a GET, or 000 when nothing answers.
http_status() {
  node -e 'fetch(process.argv[1]).then((r)=>console.log(r.status),()=>console.log("000"))' "$1"
}

# Waits until our child $1 has exited (at most $2 seconds); sets EXIT_CODE to its exit code, or "running".
# (Not in a $(...) subshell: only this shell can `wait` for its own children.)
wait_exit() {
  local pid="$1" deadline=$((SECONDS + $2))
  while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    EXIT_CODE=running
  else
    wait "$pid"
    EXIT_CODE=$?
  fi
}

# Starts `deploy/check.sh start` in the background in local mode: credentials set empty, so a developer's ./.env
# (read at start; variables already set win) cannot switch it to credentials mode or another database.
start_bot() {
  local port="$1" log="$2"
  env PORT="$port" DATABASE_PATH="$TMP/data/teammodel.sqlite" LOG_LEVEL=info DRY_RUN=1 \
    MicrosoftAppId= MicrosoftAppPassword= MicrosoftAppTenantId= MicrosoftAppType= HOST= ALLOWED_TENANTS= AUDIT_MAC_KEY= \
    ROSTER_FILE= NORMS_FILE= TIMEZONE=Europe/Amsterdam TICK_CRON='* * * * *' \
    "$ROOT/deploy/check.sh" start >"$log.out" 2>"$log.err" &
  PIDS+=("$!")
  LAST_PID=$!
}

check_running_bot() {
  local port1 port2 pid1 pid2 status rc i
  port1="$(free_port)"
  start_bot "$port1" "$TMP/first"
  pid1=$LAST_PID
  status=000
  for ((i = 0; i < 300; i++)); do
    status="$(http_status "http://127.0.0.1:$port1/readyz")"
    [ "$status" = 200 ] && break
    kill -0 "$pid1" 2>/dev/null || break
    sleep 0.2
  done
  if [ "$status" != 200 ]; then
    fail "the bot did not become ready on port $port1 (last /readyz status $status)"
    tail -n 20 "$TMP/first.out" "$TMP/first.err"
    return
  fi
  echo "ok: /readyz 200 on port $port1"
  [ "$(http_status "http://127.0.0.1:$port1/healthz")" = 200 ] && echo "ok: /healthz 200" || fail "/healthz is not 200"
  grep -q '"outbox":{"pending":0' <(node -e 'fetch(process.argv[1]).then((r)=>r.text()).then(console.log)' \
    "http://127.0.0.1:$port1/readyz") && echo "ok: /readyz reports the outbox backlog" ||
    fail "/readyz does not report the outbox backlog"
  if grep -q '"msg":"started"' "$TMP/first.out" && grep -q "\"database\":\"$TMP/data/teammodel.sqlite\"" "$TMP/first.out"; then
    echo "ok: the start log names the database"
  else
    fail "no start log line naming the database"
  fi
  grep -q 'DEP0111' "$TMP/first.err" && fail "the DEP0111 warning is printed again" || echo "ok: no DEP0111 warning"

  port2="$(free_port)"
  start_bot "$port2" "$TMP/second"
  pid2=$LAST_PID
  wait_exit "$pid2" 60
  rc=$EXIT_CODE
  if [ "$rc" = 1 ] && grep -q 'another bot instance already uses this database' "$TMP/second.err"; then
    echo "ok: a second instance on the same database is refused with exit code 1"
  else
    fail "a second instance on the same database was not refused with exit 1 (got $rc)"
    tail -n 20 "$TMP/second.out" "$TMP/second.err"
  fi
  [ "$(http_status "http://127.0.0.1:$port1/readyz")" = 200 ] || fail "the first bot stopped serving"

  if (env DATABASE_PATH="$TMP/data/teammodel.sqlite" "$ROOT/deploy/check.sh" backup "$TMP/backups" 7 &&
    cd "$ROOT" && node_modules/.bin/tsx src/cli/audit-verify.ts "$TMP"/backups/teammodel-*.sqlite) >"$TMP/backup.log" 2>&1 &&
    [ "$(find "$TMP/backups" -type f -name 'teammodel-*.sqlite' | wc -l)" = 1 ]; then
    echo "ok: a backup of the running bot is one file and passes audit:verify"
  else
    fail "backup of the running bot"
    cat "$TMP/backup.log"
    ls -la "$TMP/backups" 2>&1
  fi

  kill -TERM "$pid1"
  wait_exit "$pid1" 40
  rc=$EXIT_CODE
  if [ "$rc" = 0 ] && grep -q '"msg":"stopped"' "$TMP/first.out"; then
    echo "ok: SIGTERM stops the bot with exit code 0"
  else
    fail "SIGTERM did not stop the bot with exit code 0 (got $rc)"
    tail -n 20 "$TMP/first.out" "$TMP/first.err"
  fi
}

check_units() {
  local unit
  for unit in teammodel-bot.service teammodel-bot-backup.service teammodel-bot-backup.timer; do
    [ -f "$ROOT/deploy/$unit" ] || fail "deploy/$unit is missing"
  done
  grep -qx 'ExecStart=/opt/teammodel-bot/deploy/check.sh start' "$ROOT/deploy/teammodel-bot.service" ||
    fail "deploy/teammodel-bot.service does not start the bot with deploy/check.sh start"
  grep -q '^ExecStart=/opt/teammodel-bot/deploy/check.sh backup ' "$ROOT/deploy/teammodel-bot-backup.service" ||
    fail "deploy/teammodel-bot-backup.service does not back up with deploy/check.sh backup"
  if ! command -v systemd-analyze >/dev/null 2>&1; then
    echo "skip: systemd-analyze not installed; the unit files are not linted"
    return
  fi
  # Verified as installed: /opt/teammodel-bot is this checkout, in a scratch unit directory.
  mkdir -p "$TMP/units"
  for unit in teammodel-bot.service teammodel-bot-backup.service teammodel-bot-backup.timer; do
    sed "s|/opt/teammodel-bot|$ROOT|g" "$ROOT/deploy/$unit" >"$TMP/units/$unit"
  done
  local out
  out="$(cd "$TMP/units" && SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no \
    "$TMP/units/teammodel-bot.service" "$TMP/units/teammodel-bot-backup.service" \
    "$TMP/units/teammodel-bot-backup.timer" 2>&1)"
  # Only lines about our units count: on a machine without systemd as PID 1, verify also complains about the host.
  out="$(grep -E 'teammodel-bot' <<<"$out" || true)"
  if [ -n "$out" ]; then
    fail "systemd-analyze verify: $out"
  else
    echo "ok: systemd-analyze verify finds nothing in the unit files"
  fi
}

check_dockerfile() {
  local file="$ROOT/deploy/Dockerfile" src missing=0
  [ -f "$file" ] || {
    fail "deploy/Dockerfile is missing"
    return
  }
  # Every COPY source (from the build context, the repository root) exists.
  while read -r src; do
    [ -e "$ROOT/$src" ] || {
      fail "deploy/Dockerfile copies $src, which does not exist"
      missing=1
    }
  done < <(grep -E '^COPY ' "$file" | grep -v -- '--from=' | sed -E 's/^COPY +(--[a-z]+=[^ ]+ +)*//' | awk '{ for (i = 1; i < NF; i++) print $i }')
  grep -q '^RUN deploy/check.sh install' "$file" || fail "deploy/Dockerfile does not install with deploy/check.sh install"
  grep -q '^RUN deploy/check.sh build' "$file" || fail "deploy/Dockerfile does not build with deploy/check.sh build"
  grep -qx 'CMD \["deploy/check.sh", "start"\]' "$file" || fail "deploy/Dockerfile's CMD is not deploy/check.sh start"
  grep -q '/healthz' "$file" || fail "deploy/Dockerfile has no HEALTHCHECK on /healthz"
  [ -x "$ROOT/deploy/check.sh" ] || fail "deploy/check.sh is not executable"
  # What the start step runs, after the build.
  [ -f "$ROOT/${START[-1]}" ] || fail "${START[-1]} does not exist after the build"
  # The Node.js major version of the image is the one package.json allows.
  local image major engines
  image="$(grep -E '^ARG NODE_VERSION=' "$file" | head -n 1 | cut -d= -f2)"
  major="${image%%[.-]*}"
  engines="$(node -p 'require(process.argv[1]).engines.node' "$ROOT/package.json")"
  node -e '
    const [want, engines] = process.argv.slice(1);
    const min = Number(/>=\s*(\d+)/.exec(engines)?.[1] ?? NaN);
    process.exit(Number(want) >= min ? 0 : 1);' "$major" "$engines" ||
    fail "deploy/Dockerfile's Node.js $image does not satisfy engines.node $engines"
  [ "$missing" = 0 ] && echo "ok: deploy/Dockerfile refers to files that exist (node $image, engines $engines)"
}

check_all() {
  TMP="$(mktemp -d "${TMPDIR:-/tmp}/teammodel-deploy-check.XXXXXX")"
  trap cleanup EXIT
  echo "== deploy check: build"
  if ! build_step; then
    echo "deploy check: FAIL (npm run build)"
    exit 1
  fi
  echo "== deploy check: start, second instance, backup, stop"
  check_running_bot
  echo "== deploy check: unit files and Dockerfile"
  check_units
  check_dockerfile
  if [ -n "$FAILED" ]; then
    echo "deploy check: FAIL ($FAILED)"
    exit 1
  fi
  echo "deploy check: PASS"
}

case "${1:-check}" in
  install) install_step ;;
  build) build_step ;;
  start) start_step ;;
  backup)
    shift
    backup_step "$@"
    ;;
  check) check_all ;;
  *)
    echo "usage: deploy/check.sh [install|build|start|backup <dir> <days>|check]" >&2
    exit 2
    ;;
esac

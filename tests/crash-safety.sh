#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# crash-safety.sh CLI [SEED] [SECONDS]
#
# What a database goes through outside a test's control, done to liaison-cli
# (CLI) for about SECONDS (default 90), with delays and damage drawn from
# SEED (default 1):
#
#   - kill -9 at a random moment of an import, a delete, an edit, an export;
#   - imports started together, which must wait for each other;
#   - a full disk (a small tmpfs; needs root, else skipped with a message);
#   - bits flipped at random in a database.
#
# After each, the database must pass PRAGMA integrity_check and hold what it
# held before the command or what the whole command makes of it (the rows
# without their ids, and the statistics export without its time), and
# nothing may crash. Needs sqlite3. Ends with a summary; exit 1 on a fault.
set -u

cli=${1:?usage: crash-safety.sh CLI [SEED] [SECONDS]}
seed=${2:-1}
budget=${3:-90}
RANDOM=$seed

if ! command -v sqlite3 >/dev/null; then
  echo "crash-safety: sqlite3 is not installed; skipped"
  exit 77
fi

work=$(mktemp -d)
mounted=
cleanup() {
  if [ -n "$mounted" ]; then umount "$mounted" 2>/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work" || exit 1

faults=0
checks=0
start_s=$(date +%s)

fault() { echo "FAULT: $*"; faults=$((faults + 1)); }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# Seconds of the budget left for a part that may take SHARE of it.
time_left() { [ $(( $(date +%s) - start_s )) -lt "$1" ]; }
random_below() { echo $(( ((RANDOM << 15) | RANDOM) % $1 )); }

lc() { local db=$1; shift; "$cli" --database "$db" "$@"; }

# What a user sees of DB: the rows without ids (ids depend on the order of
# imports), and the statistics without the export's time.
content() {
  lc "$1" list --format csv --raw | cut -d, -f2- | LC_ALL=C sort
  lc "$1" export-stats | sed '/"exported_at"/d'
}

intact() { [ "$(sqlite3 "$1" 'PRAGMA integrity_check' 2>&1)" = ok ]; }

# check DB WHAT BEFORE AFTER: intact, and its content is BEFORE or AFTER;
# sets verdict to before, after or fault.
check() {
  local db=$1 what=$2 seen
  checks=$((checks + 1))
  verdict=fault
  if ! intact "$db"; then
    fault "$what: integrity_check: $(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1 | head -3)"
    return
  fi
  seen=$(content "$db")
  if [ "$seen" = "$3" ]; then
    verdict=before
  elif [ "$seen" = "$4" ]; then
    verdict=after
  else
    fault "$what: the database holds neither what it held before nor what the command makes"
  fi
}

# flows FILE START COUNT FIRST: a Liaison CSV of COUNT clients of three
# listeners, from client number FIRST, at START.
flows() {
  awk -v start="$2" -v n="$3" -v first="$4" 'BEGIN {
    print "start,end,client_ip,client_port,listener_ip,listener_port,protocol"
    for (i = first; i < first + n; i++)
      printf "%s,,10.%d.%d.%d,%d,10.0.0.%d,%d,tcp\n", start, 100 + int(i / 62500), int(i / 250) % 250,
             i % 250 + 1, 40000 + i % 20000, 5 + i % 3, i % 3 == 0 ? 443 : 22
  }' > "$1"
}

# kill_at DB ARGS...: runs liaison-cli on DB, kills it with SIGKILL after
# a random part of $duration_ms, and waits for it.
kill_at() {
  local db=$1 delay_ms pid
  shift
  delay_ms=$(random_below $((duration_ms + 1)))
  "$cli" --database "$db" "$@" >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}

# time_it DB ARGS...: runs liaison-cli on DB; sets duration_ms.
time_it() {
  local t0
  t0=$(now_ms)
  lc "$@" >/dev/null 2>&1 || fault "$*: failed"
  duration_ms=$(( $(now_ms) - t0 ))
}

# The base database: one window of 8,000 pairs, with classic statistics.
flows a.csv 2026-11-27T00:01:15Z 8000 0
flows b.csv 2026-11-27T00:06:15Z 8000 4000
lc base.db import-netflow --interval 300 a.csv >/dev/null || { echo "crash-safety: cannot make the base database"; exit 1; }
cat > ss.txt <<'SS'
State      Recv-Q Send-Q  Local Address:Port   Peer Address:Port  Process
LISTEN     0      128     0.0.0.0:443          0.0.0.0:*          users:(("nginx",pid=10,fd=6))
ESTAB      0      0       10.0.0.5:43000       10.0.0.20:5432     users:(("curl",pid=40,fd=3))
ESTAB      0      0       10.0.0.5:443         10.100.0.1:40000   users:(("nginx",pid=11,fd=7))
SS
lc base.db import-netstat --host web01 --time 2026-11-27T00:00:00Z ss.txt >/dev/null || exit 1
sqlite3 base.db 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
before=$(content base.db)

# kill_scenario NAME SHARE_S ARGS...: liaison-cli ARGS on a copy of the
# base database, killed at random moments while the budget's first SHARE_S
# seconds last.
kill_scenario() {
  local name=$1 share=$2 after tally_before=0 tally_after=0 n=0
  shift 2
  cp base.db t.db
  time_it t.db "$@"
  after=$(content t.db)
  [ "$after" != "$before" ] || fault "$name: the command changes nothing to see"
  while time_left "$share" && [ $n -lt 40 ]; do
    rm -f t.db t.db-wal t.db-shm t.db-journal
    cp base.db t.db
    kill_at t.db "$@"
    check t.db "$name (killed within $duration_ms ms)" "$before" "$after"
    case $verdict in
      before) tally_before=$((tally_before + 1)) ;;
      after) tally_after=$((tally_after + 1)) ;;
    esac
    n=$((n + 1))
  done
  echo "$name: $n kills within ${duration_ms} ms: $tally_before left it as before, $tally_after as after"
  [ $n -gt 0 ] || fault "$name: no time left to kill it"
}

# shellcheck disable=SC2046
kill_scenario import $((budget * 25 / 100)) import-netflow --interval 300 b.csv
# shellcheck disable=SC2046
kill_scenario delete $((budget * 40 / 100)) delete $(seq 1 4000)
kill_scenario edit $((budget * 50 / 100)) edit 7 --client-device edited --client-process-name tool

# An export killed: the database as it was, the file old or whole, and the
# next export leaves no temporary file.
echo old > out.json
n=0
cp base.db t.db
time_it t.db export-stats --output full.json
while time_left $((budget * 60 / 100)) && [ $n -lt 30 ]; do
  kill_at t.db export-stats --output out.json
  check t.db "export" "$before" ""
  if [ "$(cat out.json)" != old ] &&
     ! diff -q <(sed '/"exported_at"/d' out.json) <(sed '/"exported_at"/d' full.json) >/dev/null; then
    fault "export: the file is neither the old one nor a whole export"
  fi
  echo old > out.json
  n=$((n + 1))
done
lc t.db export-stats --output out.json || fault "export after the kills failed"
for temporary in .out.json.liaison-*; do
  [ -e "$temporary" ] && fault "export: $temporary is left after the next export"
done
echo "export: $n kills within ${duration_ms} ms, the database as it was, no temporary file after the next export"

# Imports started together wait for each other, whatever their order.
cp base.db t.db
cp base.db serial.db
pids=()
for i in 1 2 3 4; do
  flows "c$i.csv" 2026-11-27T00:11:15Z 2000 $((100000 + i * 2000))
  lc serial.db import-netflow --interval 300 "c$i.csv" >/dev/null || fault "serial import c$i.csv failed"
done
for i in 1 2 3 4; do
  lc t.db import-netflow --interval 300 "c$i.csv" >"c$i.out" 2>&1 &
  pids+=($!)
done
for i in 1 2 3 4; do
  wait "${pids[$((i - 1))]}" || fault "concurrent import c$i.csv: $(cat "c$i.out")"
done
check t.db "concurrent imports (against one after the other)" "$(content serial.db)" ""
echo "concurrent imports: 4 together, the same as one after the other"

# A full disk: the import fails with a message, the database as it was.
mkdir full
if mount -t tmpfs -o size=1536k,mode=0700 liaison-full full 2>/dev/null; then
  mounted=$work/full
  flows small.csv 2026-11-27T00:01:15Z 200 0
  lc full/f.db import-netflow --interval 300 small.csv >/dev/null || fault "full disk: the first import failed"
  full_before=$(content full/f.db)
  flows big.csv 2026-11-27T00:06:15Z 30000 1000
  if lc full/f.db import-netflow --interval 300 big.csv >big.out 2>&1; then
    fault "full disk: an import that cannot fit succeeded"
  fi
  grep -q "the disk is full" big.out || fault "full disk: the message does not say so: $(cat big.out)"
  check full/f.db "full disk" "$full_before" ""
  echo "full disk: the import failed ($(cut -c1-100 big.out)...), the database as it was"
  umount full && mounted=
else
  echo "full disk: skipped (mounting a tmpfs needs root)"
fi

# Flipped bits: reading commands exit 0 or 1 with one line and never
# crash; a database they all refuse is left as it was.
flows small.csv 2026-11-27T00:01:15Z 300 0
lc small.db import-netflow --interval 300 small.csv >/dev/null || fault "the small database: import failed"
lc small.db import-netstat --host web01 --time 2026-11-27T00:00:00Z ss.txt >/dev/null || fault "the small database: import failed"
sqlite3 small.db 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
size=$(stat -c %s small.db)
n=0
refused=0
while time_left "$budget" && [ $n -lt 200 ]; do
  rm -f flipped.db flipped.db-wal flipped.db-shm flipped.db-journal
  cp small.db flipped.db
  for _ in $(seq $((1 + RANDOM % 8))); do
    offset=$(random_below "$size")
    byte=$(od -An -tu1 -j "$offset" -N1 flipped.db | tr -d ' ')
    # shellcheck disable=SC2059
    printf "$(printf '\\%03o' $(( byte ^ (1 << (RANDOM % 8)) )))" |
      dd of=flipped.db bs=1 seek="$offset" conv=notrunc status=none
  done
  cp flipped.db flipped.orig
  failed=0
  for command in "list --format csv" "stats" "export-stats"; do
    # shellcheck disable=SC2086
    lc flipped.db $command >/dev/null 2>flip.err
    status=$?
    if [ $status -gt 1 ] || grep -q -e Sanitizer -e "runtime error" flip.err || [ "$(wc -l < flip.err)" -gt 1 ]; then
      fault "flipped bits: $command exited $status: $(head -3 flip.err)"
    fi
    [ $status -eq 0 ] || failed=$((failed + 1))
  done
  if [ $failed -eq 3 ]; then
    refused=$((refused + 1))
    cmp -s flipped.db flipped.orig || fault "flipped bits: a refused database was changed"
  fi
  n=$((n + 1))
done
echo "flipped bits: $n damaged databases read without a crash ($refused refused and left as they were)"

echo "crash-safety: seed $seed, $checks checks, $faults faults, $(( $(date +%s) - start_s )) s"
[ $faults -eq 0 ]

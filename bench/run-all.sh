#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs every benchmark and prints a results table (Markdown) with the
# machine it ran on. Usage:
#
#   bench/run-all.sh BUILD/bench          (or: ninja -C BUILD bench)
#
# Environment (defaults in brackets):
#   RUNS [3]                  repetitions of each measurement; medians are reported
#   WORKDIR [/tmp/liaison-bench]  generated samples and cached databases
#   NETFLOW_RECORDS [1000000] SS_CONNECTIONS [100000]
#   LIST_ROWS [1000000]       EXPORT_RECORDS [1000000]   MAP_COMMUNICATIONS [1000000]
#   NETSTAT_RECORDS [1000000] sockets of each socket table format (parse speed)
#   FLOW_RECORDS [1000000]    records of each flow log format, plain and gzip (parse speed)
#   SSH_HOSTS [50]  SSH_JOBS [8]  hosts of the sample-ssh round (sshd on loopback)
#   NETFLOW_PAIRS [100000]    distinct pairs of the many-pairs netflow file (every one present)
#   NFCAPD_FLOWS [1000000]    flows of the nfcapd file (made by nfcapd, see gen-nfcapd)
#   SCALE_RECORDS [250000] SCALE_PAIRS [25000] SCALE_ROWS [250000]  1x of the growth round
#                             (imports, list, map, export at 1x, 2x and 4x)
#   FLEET_HOSTS [20] FLEET_SAMPLES [288]  the fleet round (the issue's week: 500 and 2016)
#   DAY_FILES ["24 96 288"] DAY_FLOWS [100000] DAY_PAIRS [200000]  the day round: one
#                             import-netflow of the first N five-minute nfcapd files of a day
#                             (made once by gen-nfcapd into $WORKDIR/day-FLOWS-PAIRS)
#   ONLY ["import pairs nfcapd fleet formats flows list export map ssh"]  which benchmarks to run;
#                             "scale" (the growth round), "day" and "server" run only when named
#   SERVER                    for "server": a PostgreSQL database URI whose owner may make
#                             schemas; without it, a throwaway cluster in $WORKDIR/pg-cluster
#                             (build-aux/pg-cluster), stopped at the end
set -eu

bindir=${1:-$(dirname "$0")}
bindir=$(cd "$bindir" && pwd)
runs=${RUNS:-3}
workdir=${WORKDIR:-/tmp/liaison-bench}
nf=${NETFLOW_RECORDS:-1000000}
ss=${SS_CONNECTIONS:-100000}
rows=${LIST_ROWS:-1000000}
records=${EXPORT_RECORDS:-1000000}
netstat_records=${NETSTAT_RECORDS:-1000000}
communications=${MAP_COMMUNICATIONS:-1000000}
flow_records=${FLOW_RECORDS:-1000000}
ssh_hosts=${SSH_HOSTS:-50}
ssh_jobs=${SSH_JOBS:-8}
pairs=${NETFLOW_PAIRS:-100000}
nfcapd_flows=${NFCAPD_FLOWS:-1000000}
scale_records=${SCALE_RECORDS:-250000}
scale_pairs=${SCALE_PAIRS:-25000}
scale_rows=${SCALE_ROWS:-250000}
fleet_hosts=${FLEET_HOSTS:-20}
fleet_samples=${FLEET_SAMPLES:-288}
day_files=${DAY_FILES:-24 96 288}
day_flows=${DAY_FLOWS:-100000}
day_pairs=${DAY_PAIRS:-200000}
only=${ONLY:-import pairs nfcapd fleet formats flows list export map ssh}

for program in gen-nfdump-csv gen-nfcapd gen-ss gen-netstat gen-flow-log bench-import bench-fleet bench-netstat bench-flows bench-list \
               bench-cancel \
               bench-export bench-map bench-ssh; do
  if [ ! -x "$bindir/$program" ]; then
    echo "run-all.sh: $bindir/$program is missing; build first (ninja -C BUILD)" >&2
    exit 1
  fi
done
mkdir -p "$workdir"
log="$workdir/results-$(date -u +%Y%m%dT%H%M%SZ).log"
: >"$log"

machine() {
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "- CPU: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(nproc) cores available (nproc)"
  echo "- RAM: $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "- system: $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "- SQLite (sqlite3 program): $(sqlite3 --version | cut -d' ' -f1); runs per measurement: $runs (medians)"
}

echo "== machine" | tee -a "$log"
machine | tee -a "$log"

netflow="$workdir/nfdump-$nf.csv"
netflow_next="$workdir/nfdump-$nf-next.csv"
netstat="$workdir/ss-tanp-$ss.txt"

case " $only " in *" import "*)
  if [ ! -s "$netflow" ] || [ ! -s "$netflow_next" ]; then
    echo "== generating $netflow and the next window" | tee -a "$log"
    "$bindir/gen-nfdump-csv" --records "$nf" --output "$netflow"
    "$bindir/gen-nfdump-csv" --records "$nf" --start $((1795737600 + 300)) --output "$netflow_next"
  fi
  if [ ! -s "$netstat" ]; then
    echo "== generating $netstat" | tee -a "$log"
    "$bindir/gen-ss" --connections "$ss" --output "$netstat"
  fi
  echo "== bench-import" | tee -a "$log"
  "$bindir/bench-import" --runs "$runs" --workdir "$workdir/import" \
    --netflow "$netflow" --netflow-next "$netflow_next" --netstat "$netstat" 2>&1 | tee -a "$log"
  ;;
esac

case " $only " in *" pairs "*)
  many="$workdir/nfdump-$nf-pairs-$pairs.csv"
  many_next="$workdir/nfdump-$nf-pairs-$pairs-next.csv"
  if [ ! -s "$many" ] || [ ! -s "$many_next" ]; then
    echo "== generating $many and the next window" | tee -a "$log"
    "$bindir/gen-nfdump-csv" --records "$nf" --pairs "$pairs" --every-pair --output "$many"
    "$bindir/gen-nfdump-csv" --records "$nf" --pairs "$pairs" --every-pair --start $((1795737600 + 300)) \
      --output "$many_next"
  fi
  echo "== bench-import, $pairs pairs" | tee -a "$log"
  "$bindir/bench-import" --runs "$runs" --workdir "$workdir/import" --netflow "$many" --netflow-next "$many_next" 2>&1 |
    sed "s/^RESULT\tnetflow\([ :]\)/RESULT\tnetflow ($pairs pairs)\1/; s/^RESULT\tbaseline:/RESULT\tbaseline ($pairs pairs):/" |
    tee -a "$log"
  ;;
esac

case " $only " in *" nfcapd "*)
  nfcapd="$workdir/nfcapd-$nfcapd_flows"
  if [ ! -s "$nfcapd" ]; then
    echo "== generating $nfcapd with nfcapd" | tee -a "$log"
    "$bindir/gen-nfcapd" --flows "$nfcapd_flows" --output "$nfcapd"
  fi
  echo "== bench-import, nfcapd" | tee -a "$log"
  "$bindir/bench-import" --runs "$runs" --workdir "$workdir/import" --nfcapd "$nfcapd" 2>&1 | tee -a "$log"
  ;;
esac

case " $only " in *" fleet "*)
  echo "== bench-fleet" | tee -a "$log"
  "$bindir/bench-fleet" --hosts "$fleet_hosts" --samples "$fleet_samples" --workdir "$workdir/fleet" 2>&1 |
    tee -a "$log"
  ;;
esac

# The growth round: every figure at 1x, 2x and 4x the input. Imports should
# grow linearly or better, the list's first page and the map stay flat, and
# so should the export's memory.
case " $only " in *" scale "*)
  for m in 1 2 4; do
    n=$((scale_records * m))
    file="$workdir/nfdump-scale-$n.csv"
    if [ ! -s "$file" ]; then
      "$bindir/gen-nfdump-csv" --records "$n" --pairs $((scale_pairs * m)) --every-pair --output "$file"
    fi
    echo "== growth ${m}x: bench-import $n records" | tee -a "$log"
    "$bindir/bench-import" --runs "$runs" --no-baseline --workdir "$workdir/import" --netflow "$file" 2>&1 |
      sed "s/^RESULT\t/RESULT\tgrowth ${m}x: /" | tee -a "$log"
    echo "== growth ${m}x: bench-list, bench-map, bench-export of $((scale_rows * m)) rows" | tee -a "$log"
    "$bindir/bench-list" --runs "$runs" --rows $((scale_rows * m)) --cache-dir "$workdir" \
      --sort last_detected:desc 2>&1 | sed "s/^RESULT\t/RESULT\tgrowth ${m}x: /" | tee -a "$log"
    "$bindir/bench-list" --runs "$runs" --rows $((scale_rows * m)) --cache-dir "$workdir" \
      --search postgres --sort last_detected:desc 2>&1 | sed "s/^RESULT\t/RESULT\tgrowth ${m}x: /" | tee -a "$log"
    "$bindir/bench-map" --runs "$runs" --no-baseline --communications $((scale_rows * m)) --cache-dir "$workdir" 2>&1 |
      sed "s/^RESULT\t/RESULT\tgrowth ${m}x: /" | tee -a "$log"
    "$bindir/bench-export" --runs "$runs" --records $((scale_rows * m)) --cache-dir "$workdir" 2>&1 |
      sed "s/^RESULT\t/RESULT\tgrowth ${m}x: /" | tee -a "$log"
  done
  ;;
esac

# A day of a router's flows: five-minute nfcapd files of DAY_FLOWS flows over
# DAY_PAIRS pairs, the first N of them in one import-netflow (one
# transaction), as a user runs it on a terminal; its peak resident memory
# should not grow with N. Timed once each: the largest takes minutes.
case " $only " in *" day "*)
  daydir="$workdir/day-$day_flows-$day_pairs"
  most=0
  for n in $day_files; do [ "$n" -gt "$most" ] && most=$n; done
  mkdir -p "$daydir"
  echo "== the first $most files of a day in $daydir (made by nfcapd when missing)" | tee -a "$log"
  i=0
  while [ "$i" -lt "$most" ]; do
    file="$daydir/nfcapd.$(printf %03d "$i")"
    if [ ! -s "$file" ]; then
      "$bindir/gen-nfcapd" --flows "$day_flows" --pairs "$day_pairs" --start $((1795737600 + 300 * i)) \
        --output "$file" >/dev/null
    fi
    i=$((i + 1))
  done
  cli="$bindir/../src/cli/liaison-cli"
  for n in $day_files; do
    echo "== a day: import-netflow of $n files of $day_flows flows" | tee -a "$log"
    rm -f "$workdir/day.db" "$workdir/day.db-wal" "$workdir/day.db-shm" "$workdir/day.db-journal"
    # shellcheck disable=SC2046
    /usr/bin/time -f "%e %M" -o "$workdir/day.time" "$cli" --database "$workdir/day.db" import-netflow --interval 300 \
      $(ls "$daydir"/nfcapd.* | head -n "$n") 2>&1 | tee -a "$log"
    read -r seconds peak_kb <"$workdir/day.time"
    echo "  $n files: $seconds s, peak resident memory $((peak_kb / 1024)) MB" | tee -a "$log"
    printf 'RESULT\tday: %s nfcapd files, one import-netflow (s)\t%s\ts\t-\t-\n' "$n" "$seconds" | tee -a "$log"
    printf 'RESULT\tday: %s nfcapd files, peak resident memory (MB)\t%s\tMB\t< 500\t%s\n' "$n" $((peak_kb / 1024)) \
      "$([ $((peak_kb / 1024)) -lt 500 ] && echo yes || echo NO)" | tee -a "$log"
  done
  # Cancel in the middle of 96 files imported into a database that holds 24.
  if [ "$most" -ge 120 ]; then
    echo "== a day: Cancel (bench-cancel)" | tee -a "$log"
    # shellcheck disable=SC2046
    "$bindir/bench-cancel" --database "$workdir/day.db" --base 24 --files 96 --after 2,10,30 \
      $(ls "$daydir"/nfcapd.* | head -n 120) 2>&1 | tee -a "$log"
  fi
  ;;
esac

case " $only " in *" formats "*)
  files=""
  for format in net-tools windows bsd lsof ps-csv ps-json ps-json-select; do
    file="$workdir/netstat-$format-$netstat_records.txt"
    if [ ! -s "$file" ]; then
      echo "== generating $file" | tee -a "$log"
      "$bindir/gen-netstat" --format "$format" --connections "$netstat_records" --output "$file"
    fi
    files="$files $file"
  done
  echo "== bench-netstat" | tee -a "$log"
  # shellcheck disable=SC2086
  "$bindir/bench-netstat" --runs "$runs" $files 2>&1 | tee -a "$log" || true
  ;;
esac

case " $only " in *" flows "*)
  files=""
  for format in zeek-tsv zeek-json vpc; do
    for gzip in "" .gz; do
      file="$workdir/flows-$format-$flow_records.log$gzip"
      if [ ! -s "$file" ]; then
        echo "== generating $file" | tee -a "$log"
        "$bindir/gen-flow-log" --format "$format" --records "$flow_records" ${gzip:+--gzip} --output "$file"
      fi
      files="$files $file"
    done
  done
  echo "== bench-flows" | tee -a "$log"
  # shellcheck disable=SC2086
  "$bindir/bench-flows" --runs "$runs" $files 2>&1 | tee -a "$log" || true
  ;;
esac

# A team's server (team.md 4): the many-pairs import and the list on
# PostgreSQL, each beside SQLite in the same run.
case " $only " in *" server "*)
  server=${SERVER:-}
  if [ -z "$server" ]; then
    cluster="$workdir/pg-cluster"
    rm -rf "$cluster"
    server=$("$(dirname "$0")/../build-aux/pg-cluster" start "$cluster")
    trap '"$(dirname "$0")/../build-aux/pg-cluster" stop "$cluster"' EXIT
  fi
  echo "- server: $(psql -X -At "$server" -c 'SELECT version()' | cut -d' ' -f1-2)," \
       "fsync $(psql -X -At "$server" -c 'SHOW fsync')" | tee -a "$log"
  many="$workdir/nfdump-$nf-pairs-$pairs.csv"
  many_next="$workdir/nfdump-$nf-pairs-$pairs-next.csv"
  if [ ! -s "$many" ] || [ ! -s "$many_next" ]; then
    "$bindir/gen-nfdump-csv" --records "$nf" --pairs "$pairs" --every-pair --output "$many"
    "$bindir/gen-nfdump-csv" --records "$nf" --pairs "$pairs" --every-pair --start $((1795737600 + 300)) \
      --output "$many_next"
  fi
  echo "== bench-import, $pairs pairs, SQLite and server" | tee -a "$log"
  "$bindir/bench-import" --runs "$runs" --no-baseline --workdir "$workdir/import" --server "$server" \
    --netflow "$many" --netflow-next "$many_next" 2>&1 |
    sed "s/^RESULT\t/RESULT\t$pairs pairs: /" | tee -a "$log"
  echo "== bench-list, SQLite" | tee -a "$log"
  "$bindir/bench-list" --runs "$runs" --rows "$rows" --cache-dir "$workdir" 2>&1 |
    sed "s/^RESULT\t/RESULT\tSQLite: /" | tee -a "$log"
  echo "== bench-list, server" | tee -a "$log"
  "$bindir/bench-list" --runs "$runs" --rows "$rows" --cache-dir "$workdir" --server "$server" 2>&1 |
    sed "s/^RESULT\t/RESULT\tserver: /" | tee -a "$log"
  ;;
esac

case " $only " in *" list "*)
  echo "== bench-list" | tee -a "$log"
  "$bindir/bench-list" --runs "$runs" --rows "$rows" --cache-dir "$workdir" 2>&1 | tee -a "$log"
  ;;
esac

case " $only " in *" export "*)
  echo "== bench-export" | tee -a "$log"
  "$bindir/bench-export" --runs "$runs" --records "$records" --cache-dir "$workdir" 2>&1 | tee -a "$log"
  ;;
esac

case " $only " in *" map "*)
  echo "== bench-map" | tee -a "$log"
  "$bindir/bench-map" --runs "$runs" --communications "$communications" --cache-dir "$workdir" 2>&1 | tee -a "$log"
  ;;
esac

case " $only " in *" ssh "*)
  echo "== bench-ssh" | tee -a "$log"
  "$bindir/bench-ssh" --runs "$runs" --hosts "$ssh_hosts" --jobs "$ssh_jobs" 2>&1 | tee -a "$log" || true
  ;;
esac

echo
echo "== results (median of $runs runs; full output in $log)"
echo
machine
echo
echo "| measurement | median | unit | goal | met |"
echo "|---|---:|---|---|---|"
grep '^RESULT' "$log" | awk -F '\t' '{ printf "| %s | %s | %s | %s | %s |\n", $2, $3, $4, $5, $6 }'

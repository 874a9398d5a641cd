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
#   ONLY ["import formats flows list export map ssh"]  which benchmarks to run
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
only=${ONLY:-import formats flows list export map ssh}

for program in gen-nfdump-csv gen-ss gen-netstat gen-flow-log bench-import bench-netstat bench-flows bench-list \
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

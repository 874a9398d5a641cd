#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# run-fuzzer.sh TARGET FUZZER SECONDS DATA_DIR CLI
#
# Runs the libFuzzer program FUZZER for SECONDS from a seed corpus made for
# TARGET (netstat, netflow, cli or store) from the test data in DATA_DIR
# (CLI, liaison-cli of the same build, makes the store's seed database),
# then prints libFuzzer's coverage at the start and at the end (`cov:`
# edges, `ft:` features) and its final figures. A crash, a leak or an
# assertion fails it, with the end of libFuzzer's report.
set -u

target=$1 fuzzer=$2 seconds=$3 data=$4 cli=$5
corpus=$(mktemp -d)
work=$(mktemp -d)
log=$work/fuzz.log
max_len=65536
trap 'rm -rf "$corpus" "$work"' EXIT

case $target in
  netstat) cp -R "$data/netstat/." "$corpus/" ;;
  netflow) cp -R "$data/netflow/." "$corpus/" ;;
  cli)
    # Arguments after `liaison-cli --database fuzz.db`, separated by NUL.
    i=0
    for args in 'list' 'list|--format|csv|--raw' 'list|--format|json|--search|10.0|--sort|port:desc' \
                'add|--client-ip|10.0.0.9|--listener-ip|10.0.0.5|--port|443|--protocol|tcp|--client-device|db01' \
                'edit|1|--client-process-name|curl' 'delete|1|2' 'stats|--format|json' \
                'stats|--listener|[::1]:443/tcp' 'export-stats|--output|out.json' \
                'import-netstat|--host|web01|--time|2026-11-27T00:00:00Z|ss.txt' \
                'import-netflow|--interval|60|--start|2026-11-27T00:00:00Z|--local-time|flows.csv' \
                'import-netflow|--interval|300|-' '--allow-shared|list' '--version' \
                'map|--format|json|--group|subnet:24' 'impact|10.0.0.5|--depth|2' 'rules|--format|csv' \
                'compare|--before|2026-11-27T00:00:00Z..2026-11-28T00:00:00Z|--after|2026-11-28T00:00:00Z..'; do
      printf '%s' "$args" | tr '|' '\000' > "$corpus/seed-$i"
      i=$((i + 1))
    done
    ;;
  store)
    # A database with rows, statistics and classic statistics, with small
    # pages so that the fuzzer's inputs stay small.
    db=$work/seed.db
    "$cli" --database "$db" import-netstat --host web01 --time 2026-11-27T00:00:00Z \
      "$data/netstat/i18n-netstat-tanp.en.txt" >/dev/null &&
    "$cli" --database "$db" import-netflow --interval 300 "$data/netflow/nfcapd.sample1.csv" >/dev/null &&
    "$cli" --database "$db" add --client-ip 10.0.0.9 --listener-ip 10.0.0.5 --port 443 --protocol tcp \
      --client-process-name curl >/dev/null || exit 1
    if command -v sqlite3 >/dev/null; then
      sqlite3 "$db" 'PRAGMA journal_mode = DELETE; PRAGMA page_size = 512; VACUUM;' >/dev/null || exit 1
    fi
    cp "$db" "$corpus/liaison.db"
    max_len=$(( $(wc -c < "$db") * 2 ))
    ;;
  *) echo "run-fuzzer.sh: unknown target $target" >&2; exit 2 ;;
esac

LIAISON_FUZZ_DATA=$data "$fuzzer" -max_total_time="$seconds" -rss_limit_mb=2048 -max_len="$max_len" \
  -print_final_stats=1 -close_fd_mask=3 -error_exitcode=1 -timeout_exitcode=1 -artifact_prefix="fuzz-$target-" "$corpus" >"$log" 2>&1
status=$?

echo "$target: $(ls "$corpus" | wc -l) inputs in the corpus after $seconds s"
grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)' "$log"
grep -E '^stat::' "$log"
# libFuzzer's own default exit status for a finding, 77, is what meson
# takes for a skipped test: a finding must fail.
if [ $status -ne 0 ]; then
  tail -n 60 "$log"
fi
exit $status

#!/usr/bin/env bash
# Instructions per UAV EKF IMU step (valgrind callgrind), independent of the machine's load.
# Usage: tests/StrategicTech.Benchmarks/Estimation/count-ekf-instructions.sh [row ...]
#   rows: gsf (in the air, emergency yaw bank on; default), nogsf, heading, mag3 — the UavEkfBenchmarks "IMU step,
#   full run" rows. Build first: dotnet build tests/StrategicTech.Benchmarks -c Release.
# Each row runs twice under callgrind (LAPS_SHORT and LAPS_LONG laps of 2 500 steps after the benchmark's 3 warm-up
# laps); the difference of the totals over the difference in steps cancels runtime start-up and JIT. Tiered
# compilation is off so each method is compiled once, fully optimised, before the laps that count.
# EKF_COUNT_DLL overrides the driver (any assembly whose entry point takes --count-instructions <row> <laps>).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dll="${EKF_COUNT_DLL:-$here/../bin/Release/net10.0/StrategicTech.Benchmarks.dll}"
short="${LAPS_SHORT:-2}"
long="${LAPS_LONG:-10}"
rows=("$@")
[ ${#rows[@]} -eq 0 ] && rows=(gsf)
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
total() { # row laps -> prints "instructions hash-line"
    local f="$out/cg.$1.$2"
    DOTNET_TieredCompilation=0 DOTNET_EnableWriteXorExecute=0 \
        valgrind --tool=callgrind --callgrind-out-file="$f" --dump-instr=no --dump-line=no \
        dotnet "$dll" --count-instructions "$1" "$2" >"$out/stdout.$1.$2" 2>"$out/stderr.$1.$2" \
        || { cat "$out/stderr.$1.$2" >&2; exit 1; }
    local ir
    ir="$(grep -m1 '^summary:' "$f" | awk '{print $2}')"
    echo "$ir $(grep state-hash "$out/stdout.$1.$2")"
}
for row in "${rows[@]}"; do
    read -r a ahash < <(total "$row" "$short")
    read -r b bhash < <(total "$row" "$long")
    steps=$(( (long - short) * 2500 ))
    echo "$row: $(( (b - a) / steps )) instructions per IMU step (($b - $a) / $steps); ${bhash}"
done

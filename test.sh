#!/usr/bin/env bash
# Runs every test of StrategicTech.Autonomy on a fresh Debian/Ubuntu machine with the .NET 10 SDK.
# 1) installs what the tests need, only when missing (Debian packages via apt-get, npm peers from the lockfile);
# 2) builds the solution once in Release; 3) runs each test project; 4) prints "N passed, N failed" last.
# Exit status: 0 only when the build succeeded and no test failed.
set -uo pipefail
cd "$(dirname "$0")"
root=$PWD
say() { printf '[test.sh] %s\n' "$*"; }

# --- 0. Reference data: STRATEGICTECH_SHARED, else ../shared beside the repository (as TestSupport's SharedData finds it).
#        Absent: the tests that need it are skipped (counted below). Under CI=true it is an error: CI never skips them.
shared_dir="${STRATEGICTECH_SHARED:-}"
[ -n "$shared_dir" ] && [ -d "$shared_dir" ] || shared_dir="$(cd "$root/.." && pwd)/shared"
if [ ! -d "$shared_dir" ]; then
  if [ "${CI:-}" = "true" ]; then
    say "reference data not found: set STRATEGICTECH_SHARED or put it at $shared_dir (CI=true: tests that need it must run, not skip)"
    echo "0 passed, 1 failed"
    exit 1
  fi
  say "reference data not found at $shared_dir (or STRATEGICTECH_SHARED): tests that need it will be skipped"
fi

# --- 1. System packages (Debian). Each entry: command-or-file to probe, then the package that provides it.
apt_needed=()
probe() { if [[ $1 == /* ]]; then [ -e "$1" ]; else command -v "$1" >/dev/null 2>&1; fi; }
while read -r what pkg; do
  [ -z "$what" ] && continue
  probe "$what" || apt_needed+=("$pkg")
done <<'PKGS'
node nodejs
npm npm
mosquitto mosquitto
Xvfb xvfb
/usr/lib/x86_64-linux-gnu/libSDL2-2.0.so.0 libsdl2-2.0-0
/usr/lib/x86_64-linux-gnu/libEGL.so.1 libegl1
/usr/lib/x86_64-linux-gnu/libEGL_mesa.so.0 libegl-mesa0
/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so libgl1-mesa-dri
/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf fonts-dejavu-core
nats-server nats-server
/usr/lib/postgresql/15/bin/initdb postgresql
PKGS
if ((${#apt_needed[@]})); then
  say "installing Debian packages: ${apt_needed[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${apt_needed[@]}" \
    || { say "apt-get install failed"; echo "0 passed, 1 failed"; exit 1; }
fi

# --- 2. JavaScript test peers (independent implementations we interoperate with), pinned by the committed lockfile.
peers=tests/peers
if [ -f "$peers/package-lock.json" ]; then
  stamp="$peers/node_modules/.installed-lock"
  if [ ! -f "$stamp" ] || ! cmp -s "$peers/package-lock.json" "$stamp"; then
    say "installing npm peers (npm ci)"
    (cd "$peers" && npm ci --no-audit --no-fund --loglevel=error) || { say "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
    cp "$peers/package-lock.json" "$stamp"
  fi
fi

# --- 3. Build once.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
say "building (Release)"
if ! dotnet build StrategicTech.Autonomy.sln -c Release -nologo -clp:ErrorsOnly; then
  say "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# --- 4. Run each test project; results as TRX so the totals are exact.
results="$root/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"
status=0
for proj in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$proj" .csproj)
  say "running $name"
  dotnet test "$proj" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" --blame-hang-timeout 10m || status=1
done

# --- 5. Totals over all projects from the TRX counters.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { printf '%s' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(get total); exe=$(get executed); p=$(get passed); f=$(get failed); e=$(get error); t=$(get timeout); a=$(get aborted)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  skipped=$((skipped + ${total:-0} - ${exe:-0}))
done
expected=$(ls tests/*.Tests/*.Tests.csproj | wc -l)
got=$(ls "$results"/*.trx 2>/dev/null | wc -l)
if [ "$got" -lt "$expected" ]; then
  say "only $got of $expected test projects reported results"
  failed=$((failed + expected - got)); status=1
fi
[ "$failed" -gt 0 ] && status=1
if [ "$skipped" -gt 0 ]; then
  [ -d "$shared_dir" ] || say "$skipped tests skipped: they need the reference data; set STRATEGICTECH_SHARED or put it at $shared_dir"
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit $status

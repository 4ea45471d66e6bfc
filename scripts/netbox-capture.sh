#!/usr/bin/env bash
# Captures what a real NetBox 4.x says about the example inventory, for the NetBox interop tests (issue 21).
#
# It runs NetBox from its source release with PostgreSQL and Redis from Debian, all on 127.0.0.1 only and all with
# their data under one scratch folder; loads `v6ready inventory netbox-export` of inventories/example through
# NetBox's own CSV import pages (logged in as a user, one upload per file, in the export's order); then saves REST
# list responses (?limit=0 and the default first page of 50), the table exports "All data" and "Current view", and
# the column rules each import page shows ("Field Options"), under Tests/V6CoreTests/Operations/Fixtures/NetBox/.
# Nothing is contacted except Debian's archive and PyPI for the installs. Everything it starts it stops, also on
# failure; the scratch folder stays (remove it yourself) so a second run skips the installs.
#
#   scripts/netbox-capture.sh --netbox-src DIR            # an unpacked NetBox source release (4.x)
#   scripts/netbox-capture.sh --netbox-git GITDIR --tag v4.4.10
#
# Options: --scratch DIR (default /tmp/v6ready-netbox), --v6ready BIN (default: swift build's), --out DIR,
#          --export DIR (load this folder instead of a fresh netbox-export), --no-apt.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
scratch=/tmp/v6ready-netbox
out="$repo/Tests/V6CoreTests/Operations/Fixtures/NetBox"
netbox_src="" netbox_git="" tag="" v6ready="" export_dir="" apt=1
while [ $# -gt 0 ]; do
    case "$1" in
        --netbox-src) netbox_src=$2; shift 2 ;;
        --netbox-git) netbox_git=$2; shift 2 ;;
        --tag) tag=$2; shift 2 ;;
        --scratch) scratch=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        --v6ready) v6ready=$2; shift 2 ;;
        --export) export_dir=$2; shift 2 ;;
        --no-apt) apt=0; shift ;;
        -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
        *) echo "netbox-capture: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
if [ -z "$netbox_src" ] && { [ -z "$netbox_git" ] || [ -z "$tag" ]; }; then
    echo "netbox-capture: give --netbox-src DIR, or --netbox-git GITDIR --tag v4.x.y" >&2; exit 2
fi

# Fixed loopback ports, away from the usual ones so a NetBox or PostgreSQL already on this machine is left alone.
pg_port=54329 redis_port=63799 web_port=58080
mkdir -p "$scratch"
scratch=$(cd "$scratch" && pwd)
log() { printf 'netbox-capture: %s\n' "$*" >&2; }

# --- Installs (Debian: PostgreSQL, Redis, venv; PyPI: NetBox's requirements) -------------------------------------
if [ "$apt" = 1 ]; then
    need=()
    command -v redis-server >/dev/null || need+=(redis-server)
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
    python3 -c 'import venv, ensurepip' 2>/dev/null || need+=(python3-venv)
    if [ ${#need[@]} -gt 0 ]; then
        log "apt-get install ${need[*]}"
        apt-get install -y "${need[@]}" >"$scratch/apt.log" 2>&1 || { apt-get update >>"$scratch/apt.log" 2>&1; apt-get install -y "${need[@]}" >>"$scratch/apt.log" 2>&1; }
    fi
fi
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

src="$scratch/netbox"
if [ ! -f "$src/netbox/manage.py" ]; then
    if [ -n "$netbox_src" ]; then
        cp -a "$netbox_src/." "$src/"
    else
        # Blob by blob, so a snapshot that lacks a large data file still gives a runnable tree (said below).
        log "extracting NetBox $tag from $netbox_git"
        mkdir -p "$src"
        git --git-dir="$netbox_git" ls-tree -r -z "$tag" | while IFS= read -r -d '' line; do
            meta=${line%%$'\t'*} path=${line#*$'\t'}
            set -- $meta
            [ "$2" = blob ] || continue
            mkdir -p "$src/$(dirname "$path")"
            git --git-dir="$netbox_git" cat-file blob "$3" >"$src/$path" 2>/dev/null || { rm -f "$src/$path"; echo "$path" >>"$scratch/absent-files"; }
        done
    fi
    # The UN/LOCODE list only fills an optional custom-field choice set, which this capture never uses.
    if [ ! -f "$src/netbox/extras/data/un_locode.py" ]; then
        log "un_locode.py is absent from the source: an empty UN/LOCODE choice set stands in"
        echo 'UN_LOCODE = ()' >"$src/netbox/extras/data/un_locode.py"
    fi
fi
version=$(sed -n 's/^version: *"\{0,1\}\([0-9.a-z-]*\)"\{0,1\}/\1/p' "$src/netbox/release.yaml" 2>/dev/null | head -1)
log "NetBox ${version:-?} from $src"

venv="$scratch/venv"
if [ ! -x "$venv/bin/python" ] || [ ! -f "$venv/.installed" ]; then
    python3 -m venv "$venv"
    # The binary psycopg wheel instead of building the C one (no compiler or libpq headers needed); docs tools skipped.
    sed 's/^psycopg\[c,pool\]/psycopg[binary,pool]/' "$src/requirements.txt" | grep -v -E '^(mkdocs|mkdocstrings)' >"$scratch/requirements.txt"
    log "pip install NetBox's requirements into $venv"
    "$venv/bin/pip" install -q -r "$scratch/requirements.txt"
    touch "$venv/.installed"
fi

# --- Services, loopback only, stopped on exit -------------------------------------------------------------------
pids=()
pg_data="$scratch/postgres"
stop_all() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    [ -f "$scratch/redis.pid" ] && kill "$(cat "$scratch/redis.pid")" 2>/dev/null || true
    [ -f "$pg_data/postmaster.pid" ] && runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -m fast stop >/dev/null 2>&1 || true
}
trap stop_all EXIT

if [ ! -f "$pg_data/PG_VERSION" ]; then
    mkdir -p "$pg_data" && chown postgres: "$pg_data"
    runuser -u postgres -- "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust -E UTF8 >"$scratch/initdb.log"
fi
mkdir -p "$scratch/run" && chown postgres: "$scratch/run"
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -l "$scratch/run/postgres.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -c unix_socket_directories=$scratch/run" start >/dev/null
psql=(runuser -u postgres -- psql -h 127.0.0.1 -p "$pg_port" -U postgres -qAt)
"${psql[@]}" -c "DROP DATABASE IF EXISTS netbox" -c "CREATE DATABASE netbox ENCODING 'UTF8'" >/dev/null

mkdir -p "$scratch/redis" && chown redis: "$scratch/redis" 2>/dev/null || true
runuser -u redis -- redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$scratch/redis" --save '' --appendonly no \
    --daemonize yes --pidfile "$scratch/redis/redis.pid" --logfile "$scratch/redis/redis.log"
for _ in $(seq 50); do [ -s "$scratch/redis/redis.pid" ] && break; sleep 0.1; done
cp "$scratch/redis/redis.pid" "$scratch/redis.pid"

secret=$("$venv/bin/python" -c 'import secrets; print(secrets.token_urlsafe(50))')
cat >"$src/netbox/netbox/configuration.py" <<EOF
# Written by v6ready's scripts/netbox-capture.sh: a throwaway NetBox on loopback.
ALLOWED_HOSTS = ['127.0.0.1']
DATABASE = {'ENGINE': 'django.db.backends.postgresql', 'NAME': 'netbox', 'USER': 'postgres', 'PASSWORD': '',
            'HOST': '127.0.0.1', 'PORT': '$pg_port', 'CONN_MAX_AGE': 300}
REDIS = {
    'tasks': {'HOST': '127.0.0.1', 'PORT': $redis_port, 'USERNAME': '', 'PASSWORD': '', 'DATABASE': 0, 'SSL': False},
    'caching': {'HOST': '127.0.0.1', 'PORT': $redis_port, 'USERNAME': '', 'PASSWORD': '', 'DATABASE': 1, 'SSL': False},
}
SECRET_KEY = '$secret'
# Defaults a new installation has: PAGINATE_COUNT 50, MAX_PAGE_SIZE 1000 (so ?limit=0 gives at most 1000).
CENSUS_REPORTING_ENABLED = False
RELEASE_CHECK_URL = None
PLUGINS = []
EOF

manage=("$venv/bin/python" "$src/netbox/manage.py")
log "migrating the database (a few minutes)"
"${manage[@]}" migrate --no-input >"$scratch/migrate.log" 2>&1

# A superuser and an API token, made the way an administrator would in `manage.py shell`.
token=$("${manage[@]}" shell --no-imports -c "
from users.models import User, Token
u = User.objects.create_superuser('v6ready', 'v6ready@vidu.example', 'v6ready-capture')
print(Token.objects.create(user=u).key)" 2>/dev/null | tail -1)

"${manage[@]}" runserver --noreload --insecure "127.0.0.1:$web_port" >"$scratch/runserver.log" 2>&1 &
pids+=($!)
for _ in $(seq 120); do
    curl -sf -o /dev/null "http://127.0.0.1:$web_port/login/" && break
    sleep 0.5
done

# --- The export to load -----------------------------------------------------------------------------------------
if [ -z "$export_dir" ]; then
    if [ -z "$v6ready" ]; then
        (cd "$repo" && swift build --product v6ready >/dev/null)
        v6ready="$repo/.build/debug/v6ready"
    fi
    export_dir="$scratch/export"
    rm -rf "$export_dir"
    "$v6ready" inventory netbox-export --inventory "$repo/inventories/example" -o "$export_dir" --json >"$scratch/export.json"
fi

# --- Load, read back, save --------------------------------------------------------------------------------------
"$venv/bin/python" "$repo/scripts/netbox-capture.py" --url "http://127.0.0.1:$web_port" --token "$token" \
    --user v6ready --password v6ready-capture --export "$export_dir" --out "$out" --netbox-version "${version:-}" \
    --import-rules-from "$src/netbox"
log "fixtures written to $out"

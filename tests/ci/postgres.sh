# shellcheck shell=bash
# Sourced by .ci/run (as root): makes sure a local PostgreSQL from Debian's packages is installed
# and running, creates a test role and database, and exports CUECARD_TEST_DATABASE_URL for
# `npm run test:pg`. Idempotent: a second run reuses what is there. Returns non-zero on failure.

cuecard_pg_setup() {
  local role=cuecard_test password=cuecard_test database=cuecard_test
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    echo "postgres.sh: installing PostgreSQL from Debian packages" >&2
    apt-get update -qq || return 1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || return 1
  fi
  local version
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { found = 1 } END { exit !found }'; then
    pg_createcluster "$version" main >/dev/null || return 1
  fi
  local port
  port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $3 }')
  if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online" { found = 1 } END { exit !found }'; then
    pg_ctlcluster "$version" main start || return 1
  fi
  local i
  for i in $(seq 1 30); do
    su postgres -c "pg_isready -q -h 127.0.0.1 -p $port" && break
    sleep 1
  done
  su postgres -c "pg_isready -q -h 127.0.0.1 -p $port" || { echo "postgres.sh: PostgreSQL did not start" >&2; return 1; }
  su postgres -c "psql -q -X -p $port -v ON_ERROR_STOP=1" <<SQL || return 1
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN
    CREATE ROLE $role LOGIN PASSWORD '$password';
  END IF;
END \$\$;
SQL
  local exists
  exists=$(su postgres -c "psql -X -p $port -tAc \"SELECT 1 FROM pg_database WHERE datname = '$database'\"") || return 1
  if [ "$exists" != "1" ]; then
    su postgres -c "createdb -p $port -O $role $database" || return 1
  fi
  export CUECARD_TEST_DATABASE_URL="postgres://$role:$password@127.0.0.1:$port/$database"
  echo "postgres.sh: PostgreSQL $version ready; CUECARD_TEST_DATABASE_URL=$CUECARD_TEST_DATABASE_URL" >&2
}

cuecard_pg_setup

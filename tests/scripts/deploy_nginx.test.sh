#!/usr/bin/env bash
# deploy/nginx.conf and deploy/nginx-compose.conf pass `nginx -t` (Debian 12's nginx 1.22), each
# included as a site in a minimal main configuration, with throw-away self-signed certificates in
# place of Let's Encrypt's. nginx-compose.conf targets the official image (nginx 1.26): its
# `http2 on;` (1.25.1+) is left out here, and the compose service name `comptoir` is read as
# 127.0.0.1 (there is no compose network to resolve it). Nothing listens: -t only reads.
#
# NGINX_BIN names the binary (default: nginx on PATH, or /usr/sbin/nginx). Run by scripts/test
# ("Deployment tests"); exit 77 = skipped when there is no nginx (apt-get install nginx).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
nginx=${NGINX_BIN:-$(command -v nginx || true)}
[[ -z $nginx && -x /usr/sbin/nginx ]] && nginx=/usr/sbin/nginx
if [[ -z $nginx ]]; then
  printf 'skip: no nginx (apt-get install nginx, or NGINX_BIN=/path/to/nginx)\n'
  exit 77
fi
if ! command -v openssl >/dev/null; then
  printf 'skip: openssl is missing (scripts/setup installs it)\n'
  exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/comptoir-nginx.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/logs" "$work/tmp"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=shop.example.com \
  -keyout "$work/privkey.pem" -out "$work/fullchain.pem" 2>/dev/null

failures=0
check_site() { # check_site NAME SITE_FILE
  local name=$1 site=$2
  cat >"$work/nginx.conf" <<CONF
pid $work/nginx.pid;
error_log stderr;
events {}
http {
    access_log off;
    client_body_temp_path $work/tmp/body;
    proxy_temp_path $work/tmp/proxy;
    fastcgi_temp_path $work/tmp/fastcgi;
    uwsgi_temp_path $work/tmp/uwsgi;
    scgi_temp_path $work/tmp/scgi;
    include $site;
}
CONF
  # NGINX in the environment would be read by nginx as sockets to inherit.
  if env -u NGINX "$nginx" -t -q -p "$work/" -c "$work/nginx.conf" -e stderr >"$work/t.log" 2>&1 &&
    ! grep -q '\[warn\]' "$work/t.log"; then
    printf 'ok - nginx -t accepts %s, without a warning\n' "$name"
  else
    printf 'not ok - nginx -t on %s:\n' "$name"
    sed 's/^/#   /' "$work/t.log"
    failures=$((failures + 1))
  fi
}

sed -e "s|/etc/letsencrypt/live/shop.example.com/|$work/|" "$root/deploy/nginx.conf" >"$work/site.conf"
check_site deploy/nginx.conf "$work/site.conf"
sed -e "s|/etc/nginx/certs/|$work/|" -e '/^ *http2 on;$/d' -e 's/server comptoir:/server 127.0.0.1:/' \
  "$root/deploy/nginx-compose.conf" >"$work/compose-site.conf"
check_site "deploy/nginx-compose.conf (http2 on; left out)" "$work/compose-site.conf"

# The client's address reaches Comptoir (COMPTOIR_TRUSTED_PROXIES), and a POST is never sent twice.
for file in deploy/nginx.conf deploy/nginx-compose.conf; do
  # shellcheck disable=SC2016 # nginx's variable, not the shell's
  if grep -q 'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;' "$root/$file" &&
    ! grep -q 'non_idempotent' "$root/$file"; then
    printf 'ok - %s passes X-Forwarded-For and never retries a POST\n' "$file"
  else
    printf 'not ok - %s: X-Forwarded-For missing or non_idempotent retries\n' "$file"
    failures=$((failures + 1))
  fi
done
((failures == 0))

# Helpers shared by the deployment tests (tests/scripts/deploy_*.test.sh): sourced, not run.

# The settings Comptoir reads, as README.md's configuration table lists them (one name a line).
known_settings() {
  local readme=$1
  grep -oE '^\| `[A-Z][A-Z0-9_]*` \|' "$readme" | tr -d '|` '
}

# True when NAME is a setting of README.md, or its NAME_FILE form (docs/operations.md, "Secrets
# through files"). COMPTOIR_WAF_FILE is a setting of its own and in the table already.
is_setting() {
  local name=$1 known=$2
  grep -qx -- "$name" <<<"$known" && return 0
  [[ $name == *_FILE ]] && grep -qx -- "${name%_FILE}" <<<"$known"
}

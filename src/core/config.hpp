#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/analytics_settings.hpp"
#include "core/backup_settings.hpp"
#include "core/ip_range.hpp"
#include "core/secret_keys.hpp"
#include "core/sentry_dsn.hpp"

namespace comptoir::core {

enum class Environment { development, test, production };

std::string_view name(Environment env);

// One limit from COMPTOIR_RATE_LIMITS: `burst` attempts at once, then one more every `every` (a
// token bucket). `name` is one of kRateLimitNames: the accounts forms' (accounts::AuthLimits),
// then the shop's route classes (throttle::ShopLimits); docs/throttles.md lists their defaults.
struct RateLimitSetting {
  std::string name;
  double burst = 0;
  std::chrono::milliseconds every{0};
};
inline constexpr std::string_view kRateLimitNames[] = {
    "login_ip",         "login_account",   "login_account_ip", "password_account", "register_ip",
    "reset_ip",         "reset_account",   "code_account",     "order_session",    "order_ip",
    "order_email",      "cart_session",    "cart_ip",          "api_token",        "webhook_ip",
    "register_account", "verify_ip",       "verify_account",   "code_session",     "return_account",
    "return_ip",        "privacy_account", "privacy_ip"};

// The faults COMPTOIR_TEST_FAULT may name. stripe_before_commit: the process kills itself once a
// Stripe event is stored and applied, before that transaction commits. hasher_full: the password
// hasher's queue has no room, so every form that hashes a password answers 503.
inline constexpr std::string_view kTestFaults[] = {"stripe_before_commit", "hasher_full"};

// Everything `comptoir` reads from its environment (design.md §4), resolved and validated once.
struct Config {
  Environment env = Environment::development;
  std::string database_url;
  std::string database_read_url;       // a replica for reads; equals database_url when unset
  std::size_t database_pool_size = 0;  // 0 until loaded: DATABASE_POOL_SIZE or two per core
  // DATABASE_READ_POOL_SIZE, or one per core: the primary's connections for reads alone when
  // there is no replica (0: reads share the pool of transactions).
  std::size_t database_read_pool_size = 0;
  std::chrono::milliseconds statement_timeout{5000};
  // DATABASE_DRIVER: how the pools run their calls, "threads" or "fibers" (db::Driver; the
  // default is db::kDefaultDriver's name).
  std::string database_driver = "threads";
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  // METRICS_PORT: /metrics (with /healthz and /readyz) on this port only, for Prometheus on a
  // private network; unset: /metrics on PORT.
  std::optional<std::uint16_t> metrics_port;
  std::string base_url = "http://localhost:8080";
  SecretKeys secret_keys;
  bool secret_keys_ephemeral = false;  // development only: generated at start, lost at exit
  std::string stripe_secret_key;
  std::string stripe_webhook_secret;
  std::string stripe_api_base = "https://api.stripe.com";
  std::string smtp_url;
  std::string mail_from;
  std::string clerk_webhook_secret;
  std::string sentry_dsn;
  // GOOGLE_SITE_VERIFICATION, BING_SITE_VERIFICATION: the codes of <meta
  // name="google-site-verification"> and <meta name="msvalidate.01"> on the home pages (one tag
  // per comma-separated code); Bing's also answer /BingSiteAuth.xml.
  std::vector<std::string> google_site_verification;
  std::vector<std::string> bing_site_verification;
  // GOOGLE_SITE_VERIFICATION_HTML: the name of Google's verification file ("google….html"),
  // served at /google….html; empty: none.
  std::string google_site_verification_html;
  // SENTRY_DSN parsed (observe/sentry.hpp sends errors there); none when unset.
  std::optional<SentryDsn> sentry;
  // ANALYTICS: the audience-measurement service, off when unset (docs/analytics.md).
  AnalyticsSettings analytics;
  std::string ga4_api_secret;  // GA4_API_SECRET: the Measurement Protocol's, for server events
  std::filesystem::path media_dir = "var/media";
  // COMPTOIR_BACKUP_SCHEDULE: when `serve` makes a backup into backup_dir; none when unset.
  std::optional<BackupSchedule> backup_schedule;
  BackupRetention backup_keep{.daily = 7, .weekly = 4};  // COMPTOIR_BACKUP_KEEP
  std::filesystem::path backup_dir = "var/backups";      // COMPTOIR_BACKUP_DIR
  std::string log_level = "info";
  std::vector<std::string> cors_origins;
  // COMPTOIR_TRUSTED_PROXIES: the reverse proxies whose Forwarded / X-Forwarded-For name the
  // client; none by default (the TCP peer is the client).
  std::vector<IpRange> trusted_proxies;
  std::vector<RateLimitSetting> rate_limits;  // overrides of the built-in limits
  std::filesystem::path data_dir;             // holds migrations/, templates/, locales/, static/
  unsigned threads = 0;                       // 0: one per core
  std::chrono::milliseconds request_timeout{15000};  // whole request (headers+body) deadline
  std::chrono::milliseconds idle_timeout{60000};     // keep-alive wait for the next request
  std::chrono::milliseconds shutdown_grace{10000};   // in-flight requests get this long at exit
  std::size_t max_body_bytes = 1024 * 1024;
  std::size_t max_header_bytes = 16 * 1024;
  // COMPTOIR_PAGE_CACHE_BYTES: what the cache of anonymous storefront pages (pagecache) may hold,
  // their gzip and brotli bodies included; 0 turns it off.
  std::size_t page_cache_bytes = std::size_t{64} * 1024 * 1024;
  bool bench_routes = false;  // COMPTOIR_BENCH=1: GET /_bench/plaintext for bench/run
  // COMPTOIR_TEST_FAULT, honoured with COMPTOIR_ENV=test only (empty otherwise): a failure the
  // process provokes on purpose for a crash test (one of kTestFaults).
  std::string test_fault;
  // COMPTOIR_WAF: on (the default), log (every rule evaluated, counted and logged, nothing
  // blocked) or off. Read directly: COMPTOIR_WAF_FILE is the rules file, not this value's file.
  std::string waf = "on";
  // COMPTOIR_WAF_FILE: the WAF's rules (JSON, http/waf_rules.hpp); empty: the built-in rules.
  // Here it is only found readable: app parses it at start, and a bad file stops `serve`.
  std::filesystem::path waf_file;

  bool is_production() const { return env == Environment::production; }
};

// What check-config shows for one variable. `shown` never holds a secret's value.
struct VariableReport {
  std::string name;
  bool secret = false;
  std::string source;  // "env", "file", "default", "unset"
  std::string shown;
  std::string problem;  // empty when fine
  bool fatal = false;   // the problem stops `serve`
};

struct ConfigReport {
  Config config;
  std::vector<VariableReport> variables;
  bool ok() const;
  std::vector<std::string> fatal_problems() const;
};

// Reads a variable by name; injectable so tests need not touch the process environment.
using EnvReader = std::function<std::optional<std::string>(std::string_view)>;
EnvReader process_env();

ConfigReport load_config(const EnvReader& env);

// "250ms", "15s", "2m", or a bare number of seconds.
std::expected<std::chrono::milliseconds, std::string> parse_duration(std::string_view text);

// Replaces every known secret value (and URL passwords) in `text` with "[redacted]".
class Redactor {
 public:
  Redactor() = default;
  explicit Redactor(const Config& config);
  std::string operator()(std::string_view text) const;

 private:
  std::vector<std::string> secrets_;
};

// postgres://user:secret@host/db -> postgres://user:[redacted]@host/db
std::string redact_url_password(std::string_view url);

}  // namespace comptoir::core

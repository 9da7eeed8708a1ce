#include "core/config.hpp"

#include "core/build_info.hpp"
#include "core/files.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <thread>

namespace comptoir::core {
namespace {

struct Source {
  std::optional<std::string> value;
  std::string origin = "unset";  // env, file, unset
  std::string problem;
};

std::string trim_newlines(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

// Variables whose NAME_FILE means something else: COMPTOIR_WAF_FILE is the WAF's rules file.
constexpr std::string_view kWithoutFileVariant[] = {"COMPTOIR_WAF"};

// NAME, or the contents of the file named by NAME_FILE (the container-secret convention).
Source read_variable(const EnvReader& env, std::string_view name) {
  Source src;
  auto direct = env(name);
  auto file = std::ranges::find(kWithoutFileVariant, name) == std::end(kWithoutFileVariant)
                  ? env(std::string(name) + "_FILE")
                  : std::nullopt;
  if (direct && file) {
    src.problem = fmt::format("both {0} and {0}_FILE are set; keep only one", name);
    return src;
  }
  if (direct) {
    src.value = *direct;
    src.origin = "env";
  } else if (file) {
    auto content = read_file(*file);
    if (!content) {
      src.problem = fmt::format("{}_FILE names a file that cannot be read: {}", name, *file);
      return src;
    }
    src.value = trim_newlines(std::move(*content));
    src.origin = "file";
  }
  if (src.value && src.value->empty()) {
    src.value.reset();
    src.origin = "unset";
  }
  return src;
}

template <class Int>
std::optional<Int> parse_int(std::string_view text) {
  Int value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool valid_http_origin(std::string_view url) {
  return (url.starts_with("http://") || url.starts_with("https://")) &&
         url.find_first_of(" \t\"<>") == std::string_view::npos;
}

class Loader {
 public:
  explicit Loader(const EnvReader& env) : env_(env) {}

  // Reads one variable, records what check-config shows, returns the value when present and valid.
  std::optional<std::string> get(std::string_view name, bool secret,
                                 std::string_view fallback = {}) {
    auto src = read_variable(env_, name);
    VariableReport report{std::string(name),   secret, src.origin, {}, src.problem,
                          !src.problem.empty()};
    if (src.value) {
      report.shown = secret ? "[redacted]" : *src.value;
    } else if (!fallback.empty()) {
      report.source = "default";
      report.shown = std::string(fallback);
    }
    reports_.push_back(std::move(report));
    return src.value;
  }

  void problem(std::string_view name, std::string message, bool fatal = true) {
    auto it = std::ranges::find(reports_, name, &VariableReport::name);
    if (it == reports_.end()) {
      reports_.push_back(VariableReport{std::string(name), false, "unset", {}, {}, false});
      it = std::prev(reports_.end());
    }
    if (!it->problem.empty()) return;  // keep the first, most specific problem
    it->problem = std::move(message);
    it->fatal = fatal;
  }

  std::vector<VariableReport> take() { return std::move(reports_); }

 private:
  const EnvReader& env_;
  std::vector<VariableReport> reports_;
};

void load_duration(Loader& loader, std::string_view name, std::chrono::milliseconds& target,
                   std::string_view fallback) {
  if (auto v = loader.get(name, false, fallback)) {
    auto parsed = parse_duration(*v);
    if (!parsed || parsed->count() <= 0)
      loader.problem(name,
                     fmt::format("'{}' is not a positive duration (e.g. 250ms, 15s, 2m)", *v));
    else
      target = *parsed;
  }
}

// COMPTOIR_BACKUP_SCHEDULE, COMPTOIR_BACKUP_KEEP, COMPTOIR_BACKUP_DIR. After the secret keys: a
// scheduled backup needs a key that outlives the process.
void load_backup_settings(Loader& loader, Config& c) {
  const auto shortest = c.env == Environment::test ? std::chrono::milliseconds{1000}
                                                   : std::chrono::milliseconds{60'000};
  if (auto v = loader.get("COMPTOIR_BACKUP_SCHEDULE", false, "none")) {
    if (auto schedule = parse_backup_schedule(*v, shortest); !schedule)
      loader.problem("COMPTOIR_BACKUP_SCHEDULE", schedule.error());
    else if (c.secret_keys_ephemeral)
      loader.problem("COMPTOIR_BACKUP_SCHEDULE",
                     "needs COMPTOIR_SECRET_KEYS: a backup encrypted with an ephemeral key could "
                     "never be restored");
    else
      c.backup_schedule = std::move(*schedule);
  }
  if (auto v = loader.get("COMPTOIR_BACKUP_KEEP", false, kDefaultBackupRetention)) {
    if (auto keep = parse_backup_retention(*v))
      c.backup_keep = *keep;
    else
      loader.problem("COMPTOIR_BACKUP_KEEP", keep.error());
  }
  if (auto v = loader.get("COMPTOIR_BACKUP_DIR", false, c.backup_dir.string())) c.backup_dir = *v;
}

// ANALYTICS and GA4_API_SECRET. A GA4 without its secret still measures pages, but sends no
// purchase or refund: said, not fatal.
void load_analytics(Loader& loader, Config& c) {
  if (auto v = loader.get("ANALYTICS", false, "none")) {
    if (auto parsed = parse_analytics(*v, c.is_production()))
      c.analytics = std::move(*parsed);
    else
      loader.problem("ANALYTICS", parsed.error());
  }
  auto secret = loader.get("GA4_API_SECRET", true);
  if (secret && c.analytics.provider != AnalyticsProvider::ga4)
    loader.problem("GA4_API_SECRET", "ignored: ANALYTICS is not ga4:…", false);
  else if (secret)
    c.ga4_api_secret = *secret;
  else if (c.analytics.provider == AnalyticsProvider::ga4)
    loader.problem("GA4_API_SECRET",
                   "not set: purchases and refunds are not sent to GA4 (Measurement Protocol)",
                   false);
}

}  // namespace

std::string_view name(Environment env) {
  switch (env) {
    case Environment::development:
      return "development";
    case Environment::test:
      return "test";
    case Environment::production:
      return "production";
  }
  return "development";
}

EnvReader process_env() {
  return [](std::string_view name) -> std::optional<std::string> {
    if (const char* value = std::getenv(std::string(name).c_str())) return std::string(value);
    return std::nullopt;
  };
}

std::expected<std::chrono::milliseconds, std::string> parse_duration(std::string_view text) {
  std::int64_t multiplier = 1000;
  if (text.ends_with("ms")) {
    multiplier = 1;
    text.remove_suffix(2);
  } else if (text.ends_with("s")) {
    text.remove_suffix(1);
  } else if (text.ends_with("m")) {
    multiplier = 60'000;
    text.remove_suffix(1);
  } else if (text.ends_with("h")) {
    multiplier = 3'600'000;
    text.remove_suffix(1);
  }
  auto number = parse_int<std::int64_t>(text);
  if (!number || *number < 0 || *number > 365LL * 24 * 3600 * 1000 / multiplier)
    return std::unexpected(fmt::format("'{}' is not a duration", text));
  return std::chrono::milliseconds(*number * multiplier);
}

bool ConfigReport::ok() const {
  return std::ranges::none_of(variables, &VariableReport::fatal);
}

std::vector<std::string> ConfigReport::fatal_problems() const {
  std::vector<std::string> out;
  for (const auto& v : variables)
    if (v.fatal) out.push_back(fmt::format("{}: {}", v.name, v.problem));
  return out;
}

namespace {

// Calls fn with each non-empty item of a comma-separated list, spaces around items trimmed.
template <class F>
void for_each_listed(std::string_view text, F&& fn) {
  while (!text.empty()) {
    auto comma = text.find(',');
    auto item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) fn(item);
  }
}

// "login_ip=30/6s" → {login_ip, 30, 6 s}; nullopt when malformed or the name is unknown.
std::optional<RateLimitSetting> parse_rate_limit(std::string_view item) {
  auto eq = item.find('=');
  auto slash = item.find('/');
  if (eq == std::string_view::npos || slash == std::string_view::npos || slash < eq)
    return std::nullopt;
  auto name = item.substr(0, eq);
  if (std::ranges::find(kRateLimitNames, name) == std::end(kRateLimitNames)) return std::nullopt;
  auto burst = parse_int<unsigned>(item.substr(eq + 1, slash - eq - 1));
  auto every = parse_duration(item.substr(slash + 1));
  if (!burst.has_value() || burst.value() == 0 || !every || every->count() <= 0)
    return std::nullopt;
  return RateLimitSetting{std::string(name), static_cast<double>(burst.value()), *every};
}

bool verification_code(std::string_view code) {
  return !code.empty() && code.size() <= 128 && std::ranges::all_of(code, [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

// GOOGLE_SITE_VERIFICATION, BING_SITE_VERIFICATION (comma-separated codes) and
// GOOGLE_SITE_VERIFICATION_HTML (the verification file's name). Codes go into an HTML attribute
// and the file's name into a route: only the characters the search engines use are accepted.
void load_site_verification(Loader& loader, Config& c) {
  for (auto [name, codes] :
       {std::pair{std::string_view("GOOGLE_SITE_VERIFICATION"), &c.google_site_verification},
        std::pair{std::string_view("BING_SITE_VERIFICATION"), &c.bing_site_verification}}) {
    auto v = loader.get(name, false);
    if (!v) continue;
    for_each_listed(*v, [&](std::string_view code) {
      if (!verification_code(code))
        loader.problem(name, fmt::format("'{}' is not a verification code (letters, digits, - "
                                         "and _, at most 128)",
                                         code));
      else
        codes->emplace_back(code);
    });
  }
  if (auto v = loader.get("GOOGLE_SITE_VERIFICATION_HTML", false)) {
    std::string_view file = *v;
    if (!file.starts_with("google") || !file.ends_with(".html") ||
        !verification_code(file.substr(6, file.size() - std::min<std::size_t>(file.size(), 11))))
      loader.problem("GOOGLE_SITE_VERIFICATION_HTML",
                     fmt::format("'{}' is not the name of Google's verification file, such as "
                                 "google1234abcd.html",
                                 file));
    else
      c.google_site_verification_html = *v;
  }
}

}  // namespace

ConfigReport load_config(const EnvReader& env) {
  Loader loader(env);
  Config c;

  if (auto v = loader.get("COMPTOIR_ENV", false, "development")) {
    if (*v == "development")
      c.env = Environment::development;
    else if (*v == "test")
      c.env = Environment::test;
    else if (*v == "production")
      c.env = Environment::production;
    else
      loader.problem("COMPTOIR_ENV",
                     fmt::format("'{}' is not development, test or production", *v));
  }
  const bool production = c.is_production();
  // Defaults are safe per environment: production binds all interfaces only because it runs behind
  // a proxy in a container; development stays on loopback.
  if (production) c.host = "0.0.0.0";

  if (auto v = loader.get("DATABASE_URL", true))
    c.database_url = *v;
  else
    loader.problem("DATABASE_URL", "not set (postgres://user:password@host:5432/dbname)", true);
  if (auto v = loader.get("DATABASE_READ_URL", true)) c.database_read_url = *v;
  if (auto v = loader.get("DATABASE_POOL_SIZE", false, "two per core")) {
    auto n = parse_int<std::size_t>(*v);
    if (!n || *n == 0 || *n > 512)
      loader.problem("DATABASE_POOL_SIZE", "must be a number from 1 to 512");
    else
      c.database_pool_size = *n;
  }
  std::optional<std::size_t> read_pool_size;
  if (auto v = loader.get("DATABASE_READ_POOL_SIZE", false, "one per core")) {
    auto n = parse_int<std::size_t>(*v);
    if (!n || *n > 512)
      loader.problem("DATABASE_READ_POOL_SIZE", "must be a number from 0 to 512");
    else
      read_pool_size = *n;
  }
  load_duration(loader, "DATABASE_STATEMENT_TIMEOUT", c.statement_timeout, "5s");
  if (auto v = loader.get("DATABASE_DRIVER", false, c.database_driver)) {
    if (*v == "threads" || *v == "fibers")
      c.database_driver = *v;
    else
      loader.problem("DATABASE_DRIVER", fmt::format("'{}' is not threads or fibers", *v));
  }

  if (auto v = loader.get("HOST", false, c.host)) c.host = *v;
  if (auto v = loader.get("PORT", false, "8080")) {
    auto p = parse_int<std::uint16_t>(*v);
    if (!p)
      loader.problem("PORT", fmt::format("'{}' is not a port number (0-65535)", *v));
    else
      c.port = *p;
  }
  if (auto v = loader.get("METRICS_PORT", false, "unset: /metrics on PORT")) {
    auto p = parse_int<std::uint16_t>(*v);
    if (!p || *p == 0)
      loader.problem("METRICS_PORT", fmt::format("'{}' is not a port number (1-65535)", *v));
    else if (*p == c.port)
      loader.problem("METRICS_PORT", "must differ from PORT");
    else
      c.metrics_port = *p;
  }
  if (auto v = loader.get("BASE_URL", false, production ? "" : c.base_url)) {
    std::string url = *v;
    while (url.ends_with('/')) url.pop_back();
    if (!valid_http_origin(url))
      loader.problem("BASE_URL", "must start with http:// or https://");
    else if (production && !url.starts_with("https://"))
      loader.problem("BASE_URL", "must use https:// in production");
    c.base_url = url;
  } else if (production) {
    loader.problem("BASE_URL", "not set: the public origin, e.g. https://shop.example.ca");
  } else {
    c.base_url = fmt::format("http://localhost:{}", c.port);
  }

  if (auto v = loader.get("COMPTOIR_SECRET_KEYS", true)) {
    auto keys = parse_secret_keys(*v);
    if (!keys)
      loader.problem("COMPTOIR_SECRET_KEYS", keys.error());
    else
      c.secret_keys = std::move(*keys);
  } else if (production) {
    loader.problem("COMPTOIR_SECRET_KEYS",
                   "not set: comma-separated id:base64key (openssl rand -base64 32)");
  } else {
    // Development and tests may run without configured keys: an ephemeral one keeps the code paths
    // identical, and anything signed with it simply stops verifying after a restart.
    SecretKey key{"ephemeral", {}};
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    randombytes_buf(key.bytes.data(), key.bytes.size());
    c.secret_keys = SecretKeys({key});
    c.secret_keys_ephemeral = true;
  }

  if (auto v = loader.get("STRIPE_SECRET_KEY", true)) c.stripe_secret_key = *v;
  if (auto v = loader.get("STRIPE_WEBHOOK_SECRET", true)) c.stripe_webhook_secret = *v;
  if (auto v = loader.get("STRIPE_API_BASE", false, c.stripe_api_base)) {
    if (!valid_http_origin(*v))
      loader.problem("STRIPE_API_BASE", "must start with http:// or https://");
    else if (production && !v->starts_with("https://"))
      // The secret key travels in every call: never in the clear (a fake Stripe is for tests).
      loader.problem("STRIPE_API_BASE", "must be https:// in production");
    else
      c.stripe_api_base = *v;
  }
  if (auto v = loader.get("SMTP_URL", true)) {
    if (!v->starts_with("smtp://") && !v->starts_with("smtps://"))
      loader.problem("SMTP_URL", "must start with smtp:// or smtps://");
    else
      c.smtp_url = *v;
  }
  if (auto v = loader.get("MAIL_FROM", false)) {
    if (v->find('@') == std::string::npos)
      loader.problem("MAIL_FROM", "is not an email address");
    else
      c.mail_from = *v;
  }
  if (auto v = loader.get("CLERK_WEBHOOK_SECRET", true)) c.clerk_webhook_secret = *v;
  if (auto v = loader.get("SENTRY_DSN", true)) {
    if (auto dsn = parse_sentry_dsn(*v)) {
      c.sentry_dsn = *v;
      c.sentry = std::move(*dsn);
    } else {
      loader.problem("SENTRY_DSN", dsn.error());
    }
  }
  load_site_verification(loader, c);
  load_analytics(loader, c);
  if (auto v = loader.get("MEDIA_DIR", false, c.media_dir.string())) c.media_dir = *v;
  load_backup_settings(loader, c);
  if (auto v = loader.get("LOG_LEVEL", false, "info")) {
    static constexpr std::string_view kLevels[] = {"trace", "debug", "info",
                                                   "warn",  "error", "off"};
    if (std::ranges::find(kLevels, *v) == std::end(kLevels))
      loader.problem("LOG_LEVEL", "must be one of trace, debug, info, warn, error, off");
    else
      c.log_level = *v;
  }
  if (auto v = loader.get("CORS_ALLOWED_ORIGINS", false)) {
    for_each_listed(*v, [&](std::string_view origin) {
      if (!valid_http_origin(origin) || origin.ends_with('/'))
        loader.problem("CORS_ALLOWED_ORIGINS",
                       fmt::format("'{}' is not an origin like https://shop.example", origin));
      else
        c.cors_origins.emplace_back(origin);
    });
  }
  if (auto v = loader.get("COMPTOIR_TRUSTED_PROXIES", false, "none")) {
    if (auto ranges = parse_ip_ranges(*v))
      c.trusted_proxies = std::move(*ranges);
    else
      loader.problem("COMPTOIR_TRUSTED_PROXIES",
                     fmt::format("'{}' is not an address or CIDR block (e.g. 10.0.0.0/8, ::1)",
                                 ranges.error()));
  }
  // "login_ip=30/6s,login_account=5/1m": burst, then one attempt per period.
  if (auto v = loader.get("COMPTOIR_RATE_LIMITS", false, "built-in")) {
    for_each_listed(*v, [&](std::string_view item) {
      if (auto setting = parse_rate_limit(item))
        c.rate_limits.push_back(std::move(*setting));
      else
        loader.problem("COMPTOIR_RATE_LIMITS",
                       fmt::format("'{}' is not NAME=BURST/PERIOD (e.g. login_ip=30/6s) with NAME "
                                   "one of {}",
                                   item, fmt::join(kRateLimitNames, ", ")));
    });
  }
  if (auto v = loader.get("COMPTOIR_DATA_DIR", false, build::kDefaultDataDir))
    c.data_dir = *v;
  else
    c.data_dir = build::kDefaultDataDir;
  std::error_code ec;
  if (!std::filesystem::is_directory(c.data_dir / "migrations", ec))
    loader.problem("COMPTOIR_DATA_DIR",
                   fmt::format("{} has no migrations/ folder", c.data_dir.string()));

  if (auto v = loader.get("COMPTOIR_THREADS", false, "one per core")) {
    auto n = parse_int<unsigned>(*v);
    if (!n || *n == 0 || *n > 256)
      loader.problem("COMPTOIR_THREADS", "must be a number from 1 to 256");
    else
      c.threads = *n;
  }
  // The defaults that follow the machine: per core, at least one.
  const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  if (c.threads == 0) c.threads = cores;
  // More connections than PostgreSQL can run at once only queue inside it, where its backends
  // contend for the cores and the buffer pool: on 2 cores, 4 connections placed 25-40 % more
  // orders per second than 8, and served a cold product page 40-60 % faster (bench/README.md).
  if (c.database_pool_size == 0) c.database_pool_size = 2 * std::size_t{cores};
  // Storefront reads are one statement each: more connections for them than cores only make
  // PostgreSQL's backends take turns (bench/README.md: on 2 cores a pool of 2 for reads beside
  // the 4 of transactions served the cold product page 25-30 % faster, the checkout unchanged).
  c.database_read_pool_size = read_pool_size.value_or(std::size_t{cores});
  load_duration(loader, "COMPTOIR_REQUEST_TIMEOUT", c.request_timeout, "15s");
  load_duration(loader, "COMPTOIR_IDLE_TIMEOUT", c.idle_timeout, "60s");
  load_duration(loader, "COMPTOIR_SHUTDOWN_GRACE", c.shutdown_grace, "10s");
  if (auto v = loader.get("COMPTOIR_MAX_BODY", false, "1048576")) {
    auto n = parse_int<std::size_t>(*v);
    if (!n || *n == 0)
      loader.problem("COMPTOIR_MAX_BODY", "must be a positive number of bytes");
    else
      c.max_body_bytes = *n;
  }
  if (auto v = loader.get("COMPTOIR_PAGE_CACHE_BYTES", false, "67108864 (64 MiB)")) {
    if (auto n = parse_int<std::size_t>(*v))
      c.page_cache_bytes = *n;
    else
      loader.problem("COMPTOIR_PAGE_CACHE_BYTES",
                     fmt::format("'{}' is not a number of bytes (0 turns the page cache off)", *v));
  }

  if (auto v = loader.get("COMPTOIR_BENCH", false)) {
    if (*v != "1")
      loader.problem("COMPTOIR_BENCH", fmt::format("'{}' is not 1 (or leave it unset)", *v));
    else
      c.bench_routes = true;
  }
  // A test-only setting: never a way to make a real shop fail on purpose.
  if (auto v = loader.get("COMPTOIR_TEST_FAULT", false)) {
    if (std::ranges::find(kTestFaults, *v) == std::end(kTestFaults))
      loader.problem("COMPTOIR_TEST_FAULT",
                     fmt::format("'{}' is not one of {}", *v, fmt::join(kTestFaults, ", ")));
    else if (c.env != Environment::test)
      loader.problem("COMPTOIR_TEST_FAULT", "ignored: honoured with COMPTOIR_ENV=test only", false);
    else
      c.test_fault = *v;
  }

  if (auto v = loader.get("COMPTOIR_WAF", false, "on")) {
    if (*v != "on" && *v != "log" && *v != "off")
      loader.problem("COMPTOIR_WAF", fmt::format("'{}' is not on, log or off", *v));
    else
      c.waf = *v;
  }
  if (auto v = loader.get("COMPTOIR_WAF_FILE", false, "built-in rules")) {
    std::error_code file_ec;
    if (!std::filesystem::is_regular_file(*v, file_ec) || !std::ifstream(*v))
      loader.problem("COMPTOIR_WAF_FILE", fmt::format("'{}' cannot be read", *v));
    else
      c.waf_file = *v;
  }

  ConfigReport report{std::move(c), loader.take()};
  // Outside production nothing is strictly required: a missing DATABASE_URL only fails the commands
  // that need a database, with their own message.
  if (!production) {
    for (auto& v : report.variables)
      if (v.name == "DATABASE_URL" && v.source == "unset") v.fatal = false;
  }
  return report;
}

Redactor::Redactor(const Config& config) {
  for (const auto* value :
       {&config.stripe_secret_key, &config.stripe_webhook_secret, &config.clerk_webhook_secret,
        &config.sentry_dsn, &config.smtp_url, &config.ga4_api_secret, &config.database_url,
        &config.database_read_url})
    if (value->size() >= 6) secrets_.push_back(*value);
  std::ranges::sort(secrets_, std::greater<>{}, &std::string::size);  // longest first
}

std::string Redactor::operator()(std::string_view text) const {
  std::string out(text);
  for (const auto& secret : secrets_) {
    for (auto pos = out.find(secret); pos != std::string::npos; pos = out.find(secret, pos))
      out.replace(pos, secret.size(), "[redacted]");
  }
  return redact_url_password(out);
}

std::string redact_url_password(std::string_view url) {
  // Any scheme://user:password@ in the text loses its password.
  std::string out(url);
  std::size_t from = 0;
  while ((from = out.find("://", from)) != std::string::npos) {
    auto start = from + 3;
    auto at = out.find('@', start);
    auto stop = out.find_first_of("/ \t\"'", start);
    if (at == std::string::npos || (stop != std::string::npos && stop < at)) {
      from = start;
      continue;
    }
    auto colon = out.find(':', start);
    if (colon != std::string::npos && colon < at &&
        out.compare(colon + 1, at - colon - 1, "[redacted]") != 0)
      out.replace(colon + 1, at - colon - 1, "[redacted]");
    from = out.find('@', start) + 1;
  }
  return out;
}

}  // namespace comptoir::core

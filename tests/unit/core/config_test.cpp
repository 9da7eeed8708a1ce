#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>

#include "core/config.hpp"

namespace comptoir::core {
namespace {

// A fake environment: config loading never touches the process environment in tests.
class FakeEnv {
 public:
  FakeEnv() {
    if (const char* dir = std::getenv("COMPTOIR_DATA_DIR")) vars_["COMPTOIR_DATA_DIR"] = dir;
  }
  FakeEnv& set(std::string name, std::string value) {
    vars_[std::move(name)] = std::move(value);
    return *this;
  }
  EnvReader reader() const {
    return [vars = vars_](std::string_view name) -> std::optional<std::string> {
      auto it = vars.find(std::string(name));
      if (it == vars.end()) return std::nullopt;
      return it->second;
    };
  }

 private:
  std::map<std::string, std::string> vars_;
};

const VariableReport& variable(const ConfigReport& report, std::string_view name) {
  auto it = std::ranges::find(report.variables, name, &VariableReport::name);
  EXPECT_NE(it, report.variables.end()) << name;
  return *it;
}

constexpr const char* kKey1 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";  // bytes 0..31
constexpr const char* kKey2 = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";  // bytes 32..63

TEST(Config, DevelopmentHasSafeDefaults) {
  auto report = load_config(FakeEnv{}.reader());
  EXPECT_TRUE(report.ok());
  EXPECT_EQ(report.config.env, Environment::development);
  EXPECT_EQ(report.config.host, "127.0.0.1");
  EXPECT_EQ(report.config.port, 8080);
  EXPECT_EQ(report.config.base_url, "http://localhost:8080");
  EXPECT_TRUE(report.config.secret_keys_ephemeral);
  EXPECT_EQ(report.config.stripe_api_base, "https://api.stripe.com");
}

TEST(Config, ProductionNamesEveryMissingRequiredVariable) {
  auto report = load_config(FakeEnv{}.set("COMPTOIR_ENV", "production").reader());
  EXPECT_FALSE(report.ok());
  auto problems = report.fatal_problems();
  auto mentions = [&](std::string_view name) {
    return std::ranges::any_of(problems, [&](const std::string& p) { return p.starts_with(name); });
  };
  EXPECT_TRUE(mentions("DATABASE_URL"));
  EXPECT_TRUE(mentions("BASE_URL"));
  EXPECT_TRUE(mentions("COMPTOIR_SECRET_KEYS"));
}

TEST(Config, ProductionRequiresHttpsBaseUrl) {
  auto report = load_config(FakeEnv{}
                                .set("COMPTOIR_ENV", "production")
                                .set("DATABASE_URL", "postgres://u:p@db/shop")
                                .set("COMPTOIR_SECRET_KEYS", std::string("k1:") + kKey1)
                                .set("BASE_URL", "http://shop.example")
                                .reader());
  EXPECT_FALSE(report.ok());
  EXPECT_NE(variable(report, "BASE_URL").problem.find("https"), std::string::npos);
}

TEST(Config, ProductionTalksToStripeOverHttpsOnly) {
  auto with = [](std::string base) {
    return load_config(FakeEnv{}
                           .set("COMPTOIR_ENV", "production")
                           .set("DATABASE_URL", "postgres://u:p@db/shop")
                           .set("COMPTOIR_SECRET_KEYS", std::string("k1:") + kKey1)
                           .set("BASE_URL", "https://shop.example")
                           .set("STRIPE_API_BASE", std::move(base))
                           .reader());
  };
  auto clear = with("http://stripe.internal:12111");
  EXPECT_FALSE(clear.ok());
  EXPECT_NE(variable(clear, "STRIPE_API_BASE").problem.find("https"), std::string::npos);
  EXPECT_TRUE(with("https://api.stripe.com").ok());
}

TEST(Config, CompleteProductionConfigIsAccepted) {
  auto report = load_config(FakeEnv{}
                                .set("COMPTOIR_ENV", "production")
                                .set("DATABASE_URL", "postgres://u:p@db/shop")
                                .set("COMPTOIR_SECRET_KEYS", std::string("k1:") + kKey1)
                                .set("BASE_URL", "https://shop.example/")
                                .reader());
  EXPECT_TRUE(report.ok()) << testing::PrintToString(report.fatal_problems());
  EXPECT_EQ(report.config.base_url, "https://shop.example");
  EXPECT_EQ(report.config.host, "0.0.0.0");
}

TEST(Config, MalformedValuesAreReported) {
  auto report = load_config(FakeEnv{}
                                .set("PORT", "eighty")
                                .set("COMPTOIR_ENV", "staging")
                                .set("LOG_LEVEL", "loud")
                                .set("COMPTOIR_REQUEST_TIMEOUT", "soon")
                                .set("CORS_ALLOWED_ORIGINS", "https://ok.example, not-an-origin")
                                .reader());
  EXPECT_FALSE(report.ok());
  for (auto name :
       {"PORT", "COMPTOIR_ENV", "LOG_LEVEL", "COMPTOIR_REQUEST_TIMEOUT", "CORS_ALLOWED_ORIGINS"})
    EXPECT_FALSE(variable(report, name).problem.empty()) << name;
}

TEST(Config, DatabaseDriverIsThreadsOrFibers) {
  EXPECT_EQ(load_config(FakeEnv{}.reader()).config.database_driver, "threads");
  auto fibers = load_config(FakeEnv{}.set("DATABASE_DRIVER", "fibers").reader());
  EXPECT_TRUE(variable(fibers, "DATABASE_DRIVER").problem.empty());
  EXPECT_EQ(fibers.config.database_driver, "fibers");
  auto refused = load_config(FakeEnv{}.set("DATABASE_DRIVER", "coroutines").reader());
  EXPECT_FALSE(refused.ok());
  EXPECT_NE(variable(refused, "DATABASE_DRIVER").problem.find("threads or fibers"),
            std::string::npos);
}

TEST(Config, DatabasePoolIsTwoConnectionsPerCoreUnlessSet) {
  const std::size_t cores = std::max(1U, std::thread::hardware_concurrency());
  auto defaulted = load_config(FakeEnv{}.reader());
  EXPECT_EQ(defaulted.config.database_pool_size, 2 * cores);
  EXPECT_EQ(variable(defaulted, "DATABASE_POOL_SIZE").shown, "two per core");
  EXPECT_EQ(
      load_config(FakeEnv{}.set("DATABASE_POOL_SIZE", "3").reader()).config.database_pool_size, 3U);
  auto refused = load_config(FakeEnv{}.set("DATABASE_POOL_SIZE", "0").reader());
  EXPECT_FALSE(variable(refused, "DATABASE_POOL_SIZE").problem.empty());
}

TEST(Config, ReadPoolIsOneConnectionPerCoreUnlessSet) {
  const std::size_t cores = std::max(1U, std::thread::hardware_concurrency());
  auto defaulted = load_config(FakeEnv{}.reader());
  EXPECT_EQ(defaulted.config.database_read_pool_size, cores);
  EXPECT_EQ(variable(defaulted, "DATABASE_READ_POOL_SIZE").shown, "one per core");
  auto read_size = [](const char* value) {
    return load_config(FakeEnv{}.set("DATABASE_READ_POOL_SIZE", value).reader())
        .config.database_read_pool_size;
  };
  EXPECT_EQ(read_size("3"), 3U);
  EXPECT_EQ(read_size("0"), 0U) << "0: reads share the pool of transactions";
  for (const char* bad : {"513", "-1", "two"}) {
    auto refused = load_config(FakeEnv{}.set("DATABASE_READ_POOL_SIZE", bad).reader());
    EXPECT_FALSE(variable(refused, "DATABASE_READ_POOL_SIZE").problem.empty()) << bad;
  }
}

TEST(Config, RateLimitsAreReadAsBurstAndPeriod) {
  auto report = load_config(
      FakeEnv{}.set("COMPTOIR_RATE_LIMITS", "login_ip=100/1s, login_account=3/2m").reader());
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report.config.rate_limits.size(), 2u);
  EXPECT_EQ(report.config.rate_limits[1].name, "login_account");
  EXPECT_EQ(report.config.rate_limits[1].burst, 3);
  EXPECT_EQ(report.config.rate_limits[1].every, std::chrono::minutes{2});
  for (auto bad :
       {"login=5/1s", "login_ip=5", "login_ip=0/1s", "login_ip=x/1s", "login_ip=5/soon"}) {
    auto refused = load_config(FakeEnv{}.set("COMPTOIR_RATE_LIMITS", bad).reader());
    EXPECT_FALSE(variable(refused, "COMPTOIR_RATE_LIMITS").problem.empty()) << bad;
  }
}

TEST(Config, RateLimitsNameEveryThrottledRouteClass) {
  auto report = load_config(FakeEnv{}
                                .set("COMPTOIR_RATE_LIMITS",
                                     "order_session=2/10m,order_ip=3/1m,order_email=2/10m,"
                                     "cart_session=4/1s,cart_ip=5/200ms,api_token=6/50ms,"
                                     "webhook_ip=7/100ms,register_account=1/10m,verify_ip=2/2m,"
                                     "verify_account=1/10m,code_session=3/15m")
                                .reader());
  ASSERT_TRUE(report.ok()) << variable(report, "COMPTOIR_RATE_LIMITS").problem;
  ASSERT_EQ(report.config.rate_limits.size(), 11u);
  const auto& cart_ip = report.config.rate_limits[4];
  EXPECT_EQ(cart_ip.name, "cart_ip");
  EXPECT_EQ(cart_ip.burst, 5);
  EXPECT_EQ(cart_ip.every, std::chrono::milliseconds{200});
  const auto& failures = report.config.rate_limits[10];
  EXPECT_EQ(failures.name, "code_session");
  EXPECT_EQ(failures.burst, 3) << "N failed 2FA codes end the half-signed-in session";
  EXPECT_EQ(failures.every, std::chrono::minutes{15});

  // A misspelt name is refused, and the message lists the names the variable takes.
  auto refused = load_config(FakeEnv{}.set("COMPTOIR_RATE_LIMITS", "orders_ip=3/1m").reader());
  auto problem = variable(refused, "COMPTOIR_RATE_LIMITS").problem;
  EXPECT_NE(problem.find("'orders_ip=3/1m'"), std::string::npos) << problem;
  EXPECT_NE(problem.find("order_ip"), std::string::npos) << problem;
  EXPECT_NE(problem.find("code_session"), std::string::npos) << problem;
}

TEST(Config, TheLoginPairAndPasswordFormLimitsHaveNamesOfTheirOwn) {
  auto report =
      load_config(FakeEnv{}
                      .set("COMPTOIR_RATE_LIMITS",
                           "login_account_ip=3/1m,login_account=40/30s,password_account=4/2m")
                      .reader());
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report.config.rate_limits.size(), 3u);
  EXPECT_EQ(report.config.rate_limits[0].name, "login_account_ip");
  EXPECT_EQ(report.config.rate_limits[2].name, "password_account");
  auto refused = load_config(FakeEnv{}.set("COMPTOIR_RATE_LIMITS", "login_pair=1/1s").reader());
  auto problem = variable(refused, "COMPTOIR_RATE_LIMITS").problem;
  for (auto name : kRateLimitNames)
    EXPECT_NE(problem.find(name), std::string::npos) << "the message does not list " << name;
}

TEST(Config, BackupScheduleRetentionAndFolder) {
  auto unset = load_config(FakeEnv{}.reader());
  EXPECT_FALSE(unset.config.backup_schedule) << "no scheduled backups unless asked";
  EXPECT_EQ(unset.config.backup_keep, (BackupRetention{.daily = 7, .weekly = 4}));
  EXPECT_EQ(unset.config.backup_dir, "var/backups");

  auto set = load_config(FakeEnv{}
                             .set("COMPTOIR_SECRET_KEYS", std::string("k1:") + kKey1)
                             .set("COMPTOIR_BACKUP_SCHEDULE", "daily@03:30")
                             .set("COMPTOIR_BACKUP_KEEP", "14d,8w,12m")
                             .set("COMPTOIR_BACKUP_DIR", "/srv/backups")
                             .reader());
  ASSERT_TRUE(set.ok()) << testing::PrintToString(set.fatal_problems());
  ASSERT_TRUE(set.config.backup_schedule);
  EXPECT_EQ(set.config.backup_schedule->every, std::chrono::hours{24});
  EXPECT_EQ(set.config.backup_schedule->offset, std::chrono::minutes{3 * 60 + 30});
  EXPECT_EQ(set.config.backup_keep, (BackupRetention{.daily = 14, .weekly = 8, .monthly = 12}));
  EXPECT_EQ(set.config.backup_dir, "/srv/backups");

  // A backup under a key that dies with the process could never be restored.
  auto ephemeral = load_config(FakeEnv{}.set("COMPTOIR_BACKUP_SCHEDULE", "hourly").reader());
  EXPECT_FALSE(ephemeral.ok());
  EXPECT_NE(variable(ephemeral, "COMPTOIR_BACKUP_SCHEDULE").problem.find("COMPTOIR_SECRET_KEYS"),
            std::string::npos);
  auto wrong = load_config(FakeEnv{}
                               .set("COMPTOIR_SECRET_KEYS", std::string("k1:") + kKey1)
                               .set("COMPTOIR_BACKUP_SCHEDULE", "nightly")
                               .set("COMPTOIR_BACKUP_KEEP", "7x")
                               .reader());
  EXPECT_FALSE(wrong.ok());
  EXPECT_FALSE(variable(wrong, "COMPTOIR_BACKUP_SCHEDULE").problem.empty());
  EXPECT_FALSE(variable(wrong, "COMPTOIR_BACKUP_KEEP").problem.empty());
  // Tests may back up every second; a shop at most every minute.
  auto keys = std::string("k1:") + kKey1;
  EXPECT_FALSE(load_config(FakeEnv{}
                               .set("COMPTOIR_SECRET_KEYS", keys)
                               .set("COMPTOIR_BACKUP_SCHEDULE", "every 2s")
                               .reader())
                   .ok());
  EXPECT_TRUE(load_config(FakeEnv{}
                              .set("COMPTOIR_ENV", "test")
                              .set("COMPTOIR_SECRET_KEYS", keys)
                              .set("COMPTOIR_BACKUP_SCHEDULE", "every 2s")
                              .reader())
                  .ok());
}

TEST(Config, BenchRoutesOnlyWithOne) {
  EXPECT_FALSE(load_config(FakeEnv{}.reader()).config.bench_routes);
  auto on = load_config(FakeEnv{}.set("COMPTOIR_BENCH", "1").reader());
  EXPECT_TRUE(on.ok());
  EXPECT_TRUE(on.config.bench_routes);
  auto refused = load_config(FakeEnv{}.set("COMPTOIR_BENCH", "yes").reader());
  EXPECT_FALSE(refused.ok());
  EXPECT_FALSE(refused.config.bench_routes);
  EXPECT_FALSE(variable(refused, "COMPTOIR_BENCH").problem.empty());
}

TEST(Config, PageCacheBudgetInBytesZeroTurnsItOff) {
  auto defaults = load_config(FakeEnv{}.reader());
  EXPECT_EQ(defaults.config.page_cache_bytes, 64U * 1024 * 1024);
  EXPECT_EQ(variable(defaults, "COMPTOIR_PAGE_CACHE_BYTES").source, "default");
  auto small = load_config(FakeEnv{}.set("COMPTOIR_PAGE_CACHE_BYTES", "100000").reader());
  EXPECT_TRUE(small.ok());
  EXPECT_EQ(small.config.page_cache_bytes, 100000U);
  auto off = load_config(FakeEnv{}.set("COMPTOIR_PAGE_CACHE_BYTES", "0").reader());
  EXPECT_TRUE(off.ok());
  EXPECT_EQ(off.config.page_cache_bytes, 0U);
  for (const char* bad : {"64MiB", "-1", "lots"}) {
    auto refused = load_config(FakeEnv{}.set("COMPTOIR_PAGE_CACHE_BYTES", bad).reader());
    EXPECT_FALSE(refused.ok()) << bad;
    EXPECT_FALSE(variable(refused, "COMPTOIR_PAGE_CACHE_BYTES").problem.empty()) << bad;
  }
}

TEST(Config, TestFaultIsHonouredInTestOnly) {
  auto listed = load_config(FakeEnv{}.reader());
  EXPECT_EQ(variable(listed, "COMPTOIR_TEST_FAULT").source, "unset");
  auto test = load_config(FakeEnv{}
                              .set("COMPTOIR_ENV", "test")
                              .set("COMPTOIR_TEST_FAULT", "stripe_before_commit")
                              .reader());
  EXPECT_TRUE(test.ok());
  EXPECT_EQ(test.config.test_fault, "stripe_before_commit");
  // Elsewhere it is ignored, with a warning that does not stop the server.
  auto development =
      load_config(FakeEnv{}.set("COMPTOIR_TEST_FAULT", "stripe_before_commit").reader());
  EXPECT_TRUE(development.ok());
  EXPECT_EQ(development.config.test_fault, "");
  EXPECT_FALSE(variable(development, "COMPTOIR_TEST_FAULT").problem.empty());
  auto unknown = load_config(
      FakeEnv{}.set("COMPTOIR_ENV", "test").set("COMPTOIR_TEST_FAULT", "everything").reader());
  EXPECT_FALSE(unknown.ok());
  auto full_hasher = load_config(
      FakeEnv{}.set("COMPTOIR_ENV", "test").set("COMPTOIR_TEST_FAULT", "hasher_full").reader());
  EXPECT_TRUE(full_hasher.ok());
  EXPECT_EQ(full_hasher.config.test_fault, "hasher_full");
}

TEST(Config, SecretsAreNeverShown) {
  auto report = load_config(FakeEnv{}
                                .set("STRIPE_SECRET_KEY", "sk_test_SECRETVALUE123")
                                .set("DATABASE_URL", "postgres://u:hunter22@db/shop")
                                .reader());
  for (const auto& v : report.variables) {
    EXPECT_EQ(v.shown.find("SECRETVALUE"), std::string::npos) << v.name;
    EXPECT_EQ(v.shown.find("hunter22"), std::string::npos) << v.name;
  }
  EXPECT_EQ(variable(report, "STRIPE_SECRET_KEY").shown, "[redacted]");
  EXPECT_EQ(report.config.stripe_secret_key, "sk_test_SECRETVALUE123");
}

TEST(Config, ValueCanComeFromFile) {
  auto path = std::filesystem::temp_directory_path() / "comptoir_config_test_secret";
  std::ofstream(path) << "sk_from_file\n";
  auto report = load_config(FakeEnv{}.set("STRIPE_SECRET_KEY_FILE", path.string()).reader());
  std::filesystem::remove(path);
  EXPECT_EQ(report.config.stripe_secret_key, "sk_from_file");
  EXPECT_EQ(variable(report, "STRIPE_SECRET_KEY").source, "file");
}

TEST(Config, UnreadableFileAndDoubleDefinitionAreProblems) {
  auto missing = load_config(FakeEnv{}.set("SMTP_URL_FILE", "/nonexistent/secret").reader());
  EXPECT_NE(variable(missing, "SMTP_URL").problem.find("cannot be read"), std::string::npos);
  auto both = load_config(FakeEnv{}.set("MAIL_FROM", "a@b.c").set("MAIL_FROM_FILE", "/x").reader());
  EXPECT_NE(variable(both, "MAIL_FROM").problem.find("only one"), std::string::npos);
}

TEST(Config, WafModeAndRulesFile) {
  auto defaults = load_config(FakeEnv{}.reader());
  EXPECT_EQ(defaults.config.waf, "on");
  EXPECT_TRUE(defaults.config.waf_file.empty());
  auto log = load_config(FakeEnv{}.set("COMPTOIR_WAF", "log").reader());
  EXPECT_TRUE(log.ok());
  EXPECT_EQ(log.config.waf, "log");
  auto wrong = load_config(FakeEnv{}.set("COMPTOIR_WAF", "block").reader());
  EXPECT_FALSE(wrong.ok());
  EXPECT_EQ(variable(wrong, "COMPTOIR_WAF").problem, "'block' is not on, log or off");

  // COMPTOIR_WAF_FILE is the rules file, not a file holding COMPTOIR_WAF's value: both may be set.
  auto path = std::filesystem::temp_directory_path() / "comptoir_config_test_waf.json";
  std::ofstream(path) << "{}";
  auto both = load_config(
      FakeEnv{}.set("COMPTOIR_WAF", "off").set("COMPTOIR_WAF_FILE", path.string()).reader());
  std::filesystem::remove(path);
  EXPECT_TRUE(both.ok());
  EXPECT_EQ(both.config.waf, "off");
  EXPECT_EQ(both.config.waf_file, path);
  auto missing = load_config(FakeEnv{}.set("COMPTOIR_WAF_FILE", "/nonexistent/waf.json").reader());
  EXPECT_FALSE(missing.ok());
  EXPECT_EQ(variable(missing, "COMPTOIR_WAF_FILE").problem,
            "'/nonexistent/waf.json' cannot be read");
  EXPECT_EQ(missing.config.waf, "on");
}

TEST(Duration, AcceptsUnits) {
  EXPECT_EQ(parse_duration("250ms").value(), std::chrono::milliseconds(250));
  EXPECT_EQ(parse_duration("15s").value(), std::chrono::seconds(15));
  EXPECT_EQ(parse_duration("2m").value(), std::chrono::minutes(2));
  EXPECT_EQ(parse_duration("7").value(), std::chrono::seconds(7));
  EXPECT_FALSE(parse_duration("").has_value());
  EXPECT_FALSE(parse_duration("-1s").has_value());
  EXPECT_FALSE(parse_duration("1.5s").has_value());
  EXPECT_FALSE(parse_duration("10 s").has_value());
}

TEST(Redactor, HidesConfiguredSecretsAndUrlPasswords) {
  Config config;
  config.stripe_secret_key = "sk_live_abcdef123456";
  config.database_url = "postgres://shop:pa55word@db:5432/shop";
  Redactor redact(config);
  auto line = redact("key sk_live_abcdef123456 and url postgres://shop:pa55word@db:5432/shop");
  EXPECT_EQ(line.find("sk_live_abcdef123456"), std::string::npos);
  EXPECT_EQ(line.find("pa55word"), std::string::npos);
  EXPECT_NE(line.find("[redacted]"), std::string::npos);
}

TEST(Redactor, HidesPasswordsOfUrlsItWasNotToldAbout) {
  EXPECT_EQ(redact_url_password("smtp://mailer:s3cret@mail.example:587"),
            "smtp://mailer:[redacted]@mail.example:587");
  EXPECT_EQ(redact_url_password("https://example.com/a@b"), "https://example.com/a@b");
  EXPECT_EQ(redact_url_password("no url here"), "no url here");
}

TEST(SecretKeys, FirstKeyIsActiveOthersAccepted) {
  auto keys = parse_secret_keys(std::string("new:") + kKey2 + ",old:" + kKey1);
  ASSERT_TRUE(keys.has_value()) << keys.error();
  EXPECT_EQ(keys->active().id, "new");
  EXPECT_EQ(keys->active().bytes[0], 32);
  ASSERT_NE(keys->find("old"), nullptr);
  EXPECT_EQ(keys->find("old")->bytes[31], 31);
  EXPECT_EQ(keys->find("gone"), nullptr);
}

TEST(SecretKeys, RejectsMalformedInputWithoutQuotingKeys) {
  EXPECT_FALSE(parse_secret_keys("").has_value());
  EXPECT_FALSE(parse_secret_keys("nocolon").has_value());
  EXPECT_FALSE(parse_secret_keys("bad id:" + std::string(kKey1)).has_value());
  EXPECT_FALSE(parse_secret_keys("short:AAEC").has_value());
  auto dup = parse_secret_keys(std::string("a:") + kKey1 + ",a:" + kKey2);
  ASSERT_FALSE(dup.has_value());
  EXPECT_NE(dup.error().find("twice"), std::string::npos);
  auto bad = parse_secret_keys("k:!!!notbase64!!!");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().find("notbase64"), std::string::npos);
}

}  // namespace
}  // namespace comptoir::core

namespace comptoir::core {
namespace {

TEST(Config, SiteVerificationCodesAreReadAndChecked) {
  auto report = load_config(FakeEnv{}
                                .set("GOOGLE_SITE_VERIFICATION", "abc_DEF-123, second")
                                .set("BING_SITE_VERIFICATION", "0123456789ABCDEF0123456789ABCDEF")
                                .set("GOOGLE_SITE_VERIFICATION_HTML", "google1234abcd.html")
                                .reader());
  EXPECT_TRUE(report.ok());
  EXPECT_EQ(report.config.google_site_verification,
            (std::vector<std::string>{"abc_DEF-123", "second"}));
  EXPECT_EQ(report.config.bing_site_verification,
            (std::vector<std::string>{"0123456789ABCDEF0123456789ABCDEF"}));
  EXPECT_EQ(report.config.google_site_verification_html, "google1234abcd.html");
  EXPECT_EQ(variable(report, "GOOGLE_SITE_VERIFICATION").shown, "abc_DEF-123, second");

  auto unset = load_config(FakeEnv{}.reader());
  EXPECT_TRUE(unset.config.google_site_verification.empty());
  EXPECT_TRUE(unset.config.google_site_verification_html.empty());
}

TEST(Config, SiteVerificationRefusesWhatCouldBreakThePage) {
  for (const char* bad : {"\"><script>", "a b", "x/y", "é"}) {
    auto report = load_config(FakeEnv{}.set("GOOGLE_SITE_VERIFICATION", bad).reader());
    EXPECT_FALSE(report.ok()) << bad;
    EXPECT_NE(variable(report, "GOOGLE_SITE_VERIFICATION").problem, "") << bad;
    auto bing = load_config(FakeEnv{}.set("BING_SITE_VERIFICATION", bad).reader());
    EXPECT_FALSE(bing.ok()) << bad;
  }
  for (const char* bad :
       {"google.html", "index.html", "google12.htm", "google/../x.html", "google12.html/x"}) {
    auto report = load_config(FakeEnv{}.set("GOOGLE_SITE_VERIFICATION_HTML", bad).reader());
    EXPECT_FALSE(report.ok()) << bad;
  }
}

}  // namespace
}  // namespace comptoir::core

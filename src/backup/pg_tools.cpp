#include "backup/pg_tools.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <libpq-fe.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>

extern char** environ;

namespace comptoir::backup {
namespace {

namespace fs = std::filesystem;

bool executable(const fs::path& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec) && ::access(path.c_str(), X_OK) == 0;
}

std::optional<fs::path> on_path(std::string_view name) {
  const char* path = std::getenv("PATH");
  std::string_view dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
  while (true) {
    auto colon = dirs.find(':');
    auto dir = dirs.substr(0, colon);
    if (!dir.empty() && executable(fs::path(dir) / name)) return fs::path(dir) / name;
    if (colon == std::string_view::npos) return std::nullopt;
    dirs.remove_prefix(colon + 1);
  }
}

// /usr/lib/postgresql/15/bin/<name>, the highest version first.
std::optional<fs::path> in_debian_layout(std::string_view name) {
  std::error_code ec;
  std::optional<fs::path> best;
  long best_version = -1;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    char* end = nullptr;
    auto version_text = entry.path().filename().string();
    long version = std::strtol(version_text.c_str(), &end, 10);
    auto candidate = entry.path() / "bin" / name;
    if (end != nullptr && *end == '\0' && version > best_version && executable(candidate)) {
      best = candidate;
      best_version = version;
    }
  }
  return best;
}

std::string quote_conninfo(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

void check(int error, std::string_view what) {
  if (error != 0)
    throw BackupError(fmt::format("cannot start a program ({}: {})", what, std::strerror(error)));
}

}  // namespace

fs::path find_pg_tool(std::string_view name) {
  if (auto found = on_path(name)) return *found;
  if (auto pg_config = on_path("pg_config")) {
    try {
      auto dir = run_for_output(*pg_config, {"--bindir"});
      while (!dir.empty() && (dir.back() == '\n' || dir.back() == '\r')) dir.pop_back();
      if (!dir.empty() && executable(fs::path(dir) / name)) return fs::path(dir) / name;
    } catch (const BackupError&) {
      // pg_config is only a hint; the Debian layout comes next.
    }
  }
  if (auto found = in_debian_layout(name)) return *found;
  throw BackupError(fmt::format(
      "{} was not found on PATH, in `pg_config --bindir` nor under /usr/lib/postgresql/*/bin: "
      "install PostgreSQL's client programs, of your server's version or newer (Debian: apt-get "
      "install postgresql-client-15)",
      name));
}

PgConnection pg_connection(const std::string& url, std::string_view application_name) {
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(
      PQconninfoParse(url.c_str(), &error), &PQconninfoFree);
  if (error != nullptr) PQfreemem(error);  // it may quote the URL, password included
  if (!options) throw BackupError("DATABASE_URL is not a connection string libpq can read");
  PgConnection out;
  bool named = false;
  for (auto* option = options.get(); option->keyword != nullptr; ++option) {
    if (option->val == nullptr) continue;
    std::string_view keyword = option->keyword;
    if (keyword == "password") {
      out.password = option->val;
      continue;
    }
    if (keyword == "application_name") named = true;
    if (!out.conninfo.empty()) out.conninfo += ' ';
    out.conninfo += fmt::format("{}={}", keyword, quote_conninfo(option->val));
  }
  if (!named)
    out.conninfo += fmt::format("{}application_name={}", out.conninfo.empty() ? "" : " ",
                                quote_conninfo(application_name));
  return out;
}

Child::Child(const fs::path& program, const std::vector<std::string>& args,
             const std::string& password, bool capture_stdout) {
  stderr_ = ::memfd_create("comptoir-child-stderr", MFD_CLOEXEC);
  if (stderr_ < 0) check(errno, "memfd_create");
  int out[2] = {-1, -1};
  if (capture_stdout && ::pipe2(out, O_CLOEXEC) != 0) check(errno, "pipe");

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  if (capture_stdout)
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  else
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, stderr_, 2);

  // The server ignores SIGPIPE and a command may block signals: the child starts clean.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none;
  sigset_t defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  for (int signal : {SIGPIPE, SIGINT, SIGTERM, SIGHUP}) sigaddset(&defaults, signal);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  std::vector<std::string> env;
  for (char** entry = environ; *entry != nullptr; ++entry)
    if (password.empty() || !std::string_view(*entry).starts_with("PGPASSWORD="))
      env.emplace_back(*entry);
  if (!password.empty()) env.push_back("PGPASSWORD=" + password);
  std::vector<char*> envp;
  for (auto& item : env) envp.push_back(item.data());
  envp.push_back(nullptr);
  std::vector<std::string> argv_text{program.string()};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& item : argv_text) argv.push_back(item.data());
  argv.push_back(nullptr);

  int error =
      ::posix_spawn(&pid_, program.c_str(), &actions, &attributes, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (!password.empty()) std::fill(env.back().begin(), env.back().end(), '\0');
  if (capture_stdout) {
    ::close(out[1]);
    stdout_ = out[0];
  }
  if (error != 0) {
    // The destructor does not run for an object whose constructor throws.
    pid_ = -1;
    if (stdout_ >= 0) ::close(stdout_);
    ::close(stderr_);
    check(error, program.filename().string());
  }
}

Child::~Child() {
  if (pid_ > 0 && status_ < 0) {
    kill();
    wait();
  }
  if (stdout_ >= 0) ::close(stdout_);
  if (stderr_ >= 0) ::close(stderr_);
}

int Child::wait() {
  if (status_ >= 0 || pid_ <= 0) return status_;
  int raw = 0;
  while (::waitpid(pid_, &raw, 0) < 0) {
    if (errno != EINTR) {
      status_ = 127;
      return status_;
    }
  }
  status_ = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  return status_;
}

void Child::kill() noexcept {
  if (pid_ > 0 && status_ < 0) ::kill(pid_, SIGTERM);
}

std::string Child::errors() const {
  constexpr off_t kKeep = 4096;
  off_t size = ::lseek(stderr_, 0, SEEK_END);
  if (size <= 0) return {};
  off_t from = std::max<off_t>(0, size - kKeep);
  std::string text(static_cast<std::size_t>(size - from), '\0');
  auto got = ::pread(stderr_, text.data(), text.size(), from);
  text.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

std::string run_for_output(const fs::path& program, const std::vector<std::string>& args) {
  Child child(program, args, {}, true);
  std::string out;
  char buffer[4096];
  while (true) {
    auto got = ::read(child.stdout_fd(), buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    out.append(buffer, static_cast<std::size_t>(got));
  }
  if (int status = child.wait(); status != 0)
    throw BackupError(fmt::format("{} exited with status {}: {}", program.filename().string(),
                                  status, child.errors()));
  return out;
}

}  // namespace comptoir::backup

#pragma once

#include <sys/types.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace comptoir::backup {

// A backup or restore that cannot be done; the message says why and what to do.
class BackupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// PostgreSQL's client programs (pg_dump, pg_restore): on PATH, else in the directory
// `pg_config --bindir` names, else the newest /usr/lib/postgresql/*/bin (Debian's layout).
// Throws BackupError saying which package to install.
std::filesystem::path find_pg_tool(std::string_view name);

// DATABASE_URL for a child process. The password would show in `ps` as an argument: it goes to
// the child's PGPASSWORD instead (readable by its owner only), and the rest is a libpq connection
// string of keyword='value' pairs for --dbname.
struct PgConnection {
  std::string conninfo;
  std::string password;  // empty when the URL has none
};
// Throws BackupError when libpq cannot read the URL (the message never quotes it).
PgConnection pg_connection(const std::string& url, std::string_view application_name);

// A child process: stdin from /dev/null, stdout on a pipe (or to /dev/null), stderr kept in an
// anonymous file for the error message. Signals are back to their defaults in the child.
class Child {
 public:
  // `password`: set as PGPASSWORD in the child's environment when not empty.
  Child(const std::filesystem::path& program, const std::vector<std::string>& args,
        const std::string& password = {}, bool capture_stdout = false);
  ~Child();  // kills and reaps a child still running
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  // The read end of its stdout (capture_stdout), else -1.
  int stdout_fd() const noexcept { return stdout_; }
  // Waits for it to end: its exit status, or 128 + the signal that ended it.
  int wait();
  void kill() noexcept;
  // The end of what it wrote on stderr (at most 4 KiB), trimmed.
  std::string errors() const;

 private:
  pid_t pid_ = -1;
  int stdout_ = -1;
  int stderr_ = -1;
  int status_ = -1;
};

// Runs `program args…` to completion and returns its stdout; throws BackupError when it fails.
std::string run_for_output(const std::filesystem::path& program,
                           const std::vector<std::string>& args);

}  // namespace comptoir::backup

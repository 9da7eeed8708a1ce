#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace comptoir::app {

// Shows how far a long command has got: a bar redrawn in place when stdout is a terminal, plain
// lines (one per 10 %) when it is a file or a pipe, so logs stay readable.
class ProgressReport {
 public:
  // `what` names the unit: "products". Without `plain_lines`, nothing is printed off a terminal.
  explicit ProgressReport(std::string what, std::FILE* out = stdout, bool plain_lines = true);
  // A `total` of 0 or less: not known in advance; a terminal shows the count and rate alone.
  void update(std::int64_t done, std::int64_t total);
  // Ends the bar's line (a no-op for plain output).
  void finish();

 private:
  std::string what_;
  std::FILE* out_;
  bool terminal_;
  bool plain_lines_;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_draw_{};
  void draw_count(std::int64_t done, double elapsed);

  int last_decile_ = -1;
  std::int64_t unknown_done_ = -1;  // the last count shown without a total
  bool drawn_ = false;
};

// 1234567 → "1 234 567": thousands apart, readable in French and English alike.
std::string group_thousands(std::int64_t value);

}  // namespace comptoir::app

#include "app/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

namespace comptoir::app {
namespace {

constexpr int kBarWidth = 30;

std::string duration(double seconds) {
  auto total = static_cast<long long>(seconds + 0.5);
  if (total >= 3600)
    return fmt::format("{}:{:02}:{:02}", total / 3600, total / 60 % 60, total % 60);
  return fmt::format("{}:{:02}", total / 60, total % 60);
}

}  // namespace

std::string group_thousands(std::int64_t value) {
  auto digits = fmt::format("{}", value < 0 ? -value : value);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ' ';
    out += digits[i];
  }
  return value < 0 ? "-" + out : out;
}

ProgressReport::ProgressReport(std::string what, std::FILE* out, bool plain_lines)
    : what_(std::move(what)),
      out_(out),
      terminal_(::isatty(::fileno(out)) == 1),
      plain_lines_(plain_lines),
      started_(std::chrono::steady_clock::now()) {}

void ProgressReport::update(std::int64_t done, std::int64_t total) {
  auto now = std::chrono::steady_clock::now();
  double elapsed = std::chrono::duration<double>(now - started_).count();
  if (total <= 0) {
    // No total to measure against (a stream of unknown length): how much so far, and how fast.
    if (!terminal_) return;
    unknown_done_ = done;
    if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
    draw_count(done, elapsed);
    last_draw_ = now;
    drawn_ = true;
    return;
  }
  double fraction = static_cast<double>(done) / static_cast<double>(total);
  double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
  auto percent = static_cast<int>(fraction * 100);

  if (terminal_) {
    // Redraw at most ten times a second, and always at the end.
    if (done < total && drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
    auto filled = static_cast<int>(fraction * kBarWidth);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.append(static_cast<std::size_t>(kBarWidth - filled), '-');
    std::string eta = rate > 0 && done < total
                          ? "  ETA " + duration(static_cast<double>(total - done) / rate)
                          : "";
    fmt::print(out_, "\r[{}] {:3}%  {}/{} {}  {}/s{}\x1b[K", bar, percent, group_thousands(done),
               group_thousands(total), what_, group_thousands(static_cast<std::int64_t>(rate)),
               eta);
    std::fflush(out_);
    last_draw_ = now;
    drawn_ = true;
    return;
  }
  if (!plain_lines_) return;
  int decile = percent / 10;
  if (decile == last_decile_ && done < total) return;
  last_decile_ = decile;
  fmt::print(out_, "{}/{} {} ({}%), {}/s, {}\n", done, total, what_, percent,
             static_cast<std::int64_t>(rate), duration(elapsed));
  std::fflush(out_);
}

void ProgressReport::draw_count(std::int64_t done, double elapsed) {
  fmt::print(out_, "\r{} {}  {}/s\x1b[K", group_thousands(done), what_,
             group_thousands(
                 static_cast<std::int64_t>(elapsed > 0 ? static_cast<double>(done) / elapsed : 0)));
  std::fflush(out_);
}

void ProgressReport::finish() {
  if (terminal_ && drawn_ &&
      unknown_done_ >= 0)  // the last count, which the throttle may have skipped
    draw_count(unknown_done_,
               std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count());
  if (terminal_ && drawn_) {
    fmt::print(out_, "\n");
    std::fflush(out_);
  }
  drawn_ = false;
}

}  // namespace comptoir::app

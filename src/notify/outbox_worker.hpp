#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <boost/json/object.hpp>

#include "i18n/catalog.hpp"
#include "notify/mail_message.hpp"
#include "notify/smtp_sender.hpp"
#include "views/views.hpp"

namespace comptoir::db {
class Database;
}

namespace comptoir::notify {

// Turns an outbox row into a mail: templates/emails/<template>.{txt,html}.tpl with the texts of
// locales/<locale>.json under email.<template>.*. nullopt for a template it does not know.
class MailRenderer {
 public:
  MailRenderer(const views::Views& views, const i18n::Catalog& catalog)
      : views_(views), catalog_(catalog) {}
  std::optional<MailContent> render(std::string_view template_name, core::Locale locale,
                                    const boost::json::object& payload) const;

 private:
  // orders.* mails (order_mail.cpp): templates/emails/order.{txt,html}.tpl, whose payload holds
  // the lines, totals and address already written in the order's language.
  std::optional<MailContent> render_order(std::string_view template_name, core::Locale locale,
                                          const boost::json::object& payload) const;

  const views::Views& views_;
  const i18n::Catalog& catalog_;
};

struct OutboxOptions {
  std::string mail_from{};
  int max_attempts = 8;
  std::chrono::milliseconds poll{std::chrono::seconds{2}};
};

// After `attempts` failed sends, the next try waits 30 s × 2^(attempts-1), at most 6 h.
std::chrono::seconds retry_delay(int attempts);

// Sends email_outbox in the background, one row at a time: the row is locked (FOR UPDATE SKIP
// LOCKED, so several processes share the work without sending a mail twice), sent, and marked
// sent in the same transaction; a failure is recorded with the next attempt's time, and after
// max_attempts the row is left as failed (next_attempt_at = infinity) with its last error.
// A crash between the SMTP server's acceptance and the commit sends that one mail again: SMTP
// gives no way to make a send and a commit atomic.
class OutboxWorker {
 public:
  OutboxWorker(db::Database& db, SmtpSender sender, MailRenderer renderer, OutboxOptions options);
  ~OutboxWorker();
  OutboxWorker(const OutboxWorker&) = delete;
  OutboxWorker& operator=(const OutboxWorker&) = delete;

  // Sends every due row now (tests, and the thread's loop). Returns how many rows it handled.
  int drain();

 private:
  bool send_one();  // false when nothing is due
  void run(std::stop_token stop);

  db::Database& db_;
  SmtpSender sender_;
  MailRenderer renderer_;
  OutboxOptions options_;
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::jthread thread_;  // last: starts once everything it uses exists
};

}  // namespace comptoir::notify

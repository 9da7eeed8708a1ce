#pragma once

#include <chrono>
#include <optional>
#include <stop_token>
#include <string>

#include <boost/json/object.hpp>

#include "i18n/catalog.hpp"
#include "jobs/job.hpp"
#include "notify/mail_message.hpp"
#include "notify/smtp_sender.hpp"
#include "views/views.hpp"

namespace comptoir::db {
class Database;
}
namespace ctemplate {
class TemplateDictionary;
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
  // returns.* mails (return_mail.cpp): templates/emails/return.{txt,html}.tpl, one per state a
  // return reaches, with its RMA number, lines and refund amount written in its language.
  std::optional<MailContent> render_return(std::string_view template_name, core::Locale locale,
                                           const boost::json::object& payload) const;
  // suppliers.purchase_order (supplier_mail.cpp): templates/emails/purchase_order.{txt,html}.tpl,
  // the order a generic dropshipper gets by mail.
  std::optional<MailContent> render_supplier(std::string_view template_name, core::Locale locale,
                                             const boost::json::object& payload) const;

  // What every mail shows the same way, in its language.
  struct Letter {
    std::string subject{};
    std::string greeting{};
    std::string body{};
    std::string button{};
    std::string link{};
  };
  // Fills `dict` with the letter (LANG, SUBJECT, SHOP_NAME, GREETING, BODY, BUTTON, LINK) beside
  // what the caller put there, and renders templates/emails/<layout>.{txt,html}.tpl with it.
  MailContent compose(ctemplate::TemplateDictionary& dict, core::Locale locale,
                      const Letter& letter, std::string_view layout) const;

  const views::Views& views_;
  const i18n::Catalog& catalog_;
};

struct OutboxOptions {
  std::string mail_from{};
  int max_attempts = 8;
};

// After `attempts` failed sends, the next try waits 30 s × 2^(attempts-1), at most 6 h.
std::chrono::seconds retry_delay(int attempts);

// Sends email_outbox, one row at a time: the row is locked (FOR UPDATE SKIP LOCKED, so several
// processes share the work without sending a mail twice), sent, and marked sent in the same
// transaction; a failure is recorded with the next attempt's time, and after max_attempts the row
// is left as failed (next_attempt_at = infinity) with its last error.
// A crash between the SMTP server's acceptance and the commit sends that one mail again: SMTP
// gives no way to make a send and a commit atomic.
// `db` should be a database of its own (one connection is enough): a slow SMTP server then never
// holds a connection a request is waiting for.
class OutboxSender {
 public:
  OutboxSender(db::Database& db, SmtpSender sender, MailRenderer renderer, OutboxOptions options);

  // Sends every due row now, until none is left or `stop` is requested (the notify.outbox job, and
  // tests). Returns how many rows it handled.
  int drain(std::stop_token stop = {});

 private:
  bool send_one();  // false when nothing is due

  db::Database& db_;
  SmtpSender sender_;
  MailRenderer renderer_;
  OutboxOptions options_;
};

// notify.outbox: drains the outbox every `poll`. Not exclusive: rows are claimed with FOR UPDATE
// SKIP LOCKED, so each process sends its own share.
jobs::Job outbox_job(OutboxSender& sender,
                     std::chrono::milliseconds poll = std::chrono::seconds{2});

}  // namespace comptoir::notify

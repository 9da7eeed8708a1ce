#include "notify/outbox_sender.hpp"

#include <fmt/format.h>
#include <boost/json/parse.hpp>

#include <algorithm>

#include "core/random.hpp"
#include "db/connection.hpp"
#include "db/database.hpp"
#include "notify/mail_payload.hpp"
#include "observe/log.hpp"
#include "views/dictionary.hpp"

namespace comptoir::notify {

using namespace views::literals;
namespace {

constexpr db::Query kClaim{
    "outbox_claim",
    "SELECT id, to_address, locale, template, payload::text, attempts FROM email_outbox "
    "WHERE sent_at IS NULL AND next_attempt_at <= now() ORDER BY next_attempt_at, id "
    "LIMIT 1 FOR UPDATE SKIP LOCKED"};
// A sent link is a credential and an address personal data: neither is kept once sent.
constexpr db::Query kSent{
    "outbox_sent",
    "UPDATE email_outbox SET sent_at = now(), attempts = attempts + 1, last_error = NULL, "
    "payload = payload - 'link' - 'address' WHERE id = $1"};
constexpr db::Query kFailed{
    "outbox_failed",
    "UPDATE email_outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = "
    "CASE WHEN $3 THEN 'infinity'::timestamptz ELSE now() + make_interval(secs => $4::float8) END "
    "WHERE id = $1"};

std::string domain_of(std::string_view address) {
  auto at = address.rfind('@');
  return at == std::string_view::npos ? std::string("comptoir.invalid")
                                      : std::string(address.substr(at + 1));
}

}  // namespace

std::chrono::seconds retry_delay(int attempts) {
  constexpr std::chrono::seconds kMax{6 * 3600};
  if (attempts <= 1) return std::chrono::seconds{30};
  if (attempts > 10) return kMax;
  return std::min(kMax, std::chrono::seconds{30LL << (attempts - 1)});
}

std::optional<MailContent> MailRenderer::render(std::string_view template_name, core::Locale locale,
                                                const boost::json::object& payload) const {
  if (template_name.starts_with("orders.")) return render_order(template_name, locale, payload);
  if (template_name.starts_with("returns.")) return render_return(template_name, locale, payload);
  if (template_name.starts_with("suppliers."))
    return render_supplier(template_name, locale, payload);
  // The accounts' mails share one layout: any accounts.* template the catalog has texts for.
  if (!template_name.starts_with("accounts.") ||
      !catalog_.contains(locale, fmt::format("email.{}.subject", template_name)))
    return std::nullopt;
  auto key = [&](std::string_view part) {
    return std::string(catalog_.t(locale, fmt::format("email.{}.{}", template_name, part)));
  };
  auto name = text_of(payload, "name");
  auto greeting = name.empty() ? std::string(catalog_.t(locale, "email.greeting"))
                               : fmt::format("{} {},", catalog_.t(locale, "email.hello"), name);
  auto expires = key("expires");
  // {minutes} or {days}: a link's lifetime; {failures}: the wrong 2FA codes that ended a sign-in.
  for (auto [field, member] : {std::pair{"{minutes}", "expires_in_minutes"},
                               {"{days}", "expires_in_days"},
                               {"{failures}", "failures"}})
    if (auto at = expires.find(field); at != std::string::npos)
      expires.replace(at, std::string_view(field).size(), text_of(payload, member));
  ctemplate::TemplateDictionary dict("email");
  dict.SetValue("EXPIRES"_key, expires);
  dict.SetValue("IGNORE"_key, key("ignore"));
  return compose(dict, locale,
                 {.subject = key("subject"),
                  .greeting = greeting,
                  .body = key("body"),
                  .button = key("button"),
                  .link = text_of(payload, "link")},
                 "message");
}

MailContent MailRenderer::compose(ctemplate::TemplateDictionary& dict, core::Locale locale,
                                  const Letter& letter, std::string_view layout) const {
  auto shop = views_.shop_name()(locale);
  dict.SetValue("LANG"_key, std::string(core::code(locale)));
  dict.SetValue("SUBJECT"_key, letter.subject);
  dict.SetValue("SHOP_NAME"_key, shop);
  dict.SetValue("GREETING"_key, letter.greeting);
  dict.SetValue("BODY"_key, letter.body);
  dict.SetValue("BUTTON"_key, letter.button);
  dict.SetValue("LINK"_key, letter.link);
  return MailContent{.from_name = shop,
                     .subject = letter.subject,
                     .text = views_.fragment(fmt::format("emails/{}.txt.tpl", layout), dict),
                     .html = views_.fragment(fmt::format("emails/{}.html.tpl", layout), dict)};
}

OutboxSender::OutboxSender(db::Database& db, SmtpSender sender, MailRenderer renderer,
                           OutboxOptions options)
    : db_(db), sender_(std::move(sender)), renderer_(renderer), options_(std::move(options)) {}

bool OutboxSender::send_one() {
  return db_.transact_sync([&](db::Connection& conn) {
    auto row = conn.exec(kClaim);
    if (row.empty()) return false;
    auto id = row.get<std::int64_t>(0, 0);
    auto to = row.get<std::string>(0, 1);
    auto locale = row.get<std::string_view>(0, 2) == "en" ? core::Locale::en : core::Locale::fr;
    auto template_name = row.get<std::string>(0, 3);
    auto attempts = row.get<std::int32_t>(0, 5) + 1;
    boost::system::error_code ec;
    auto payload = boost::json::parse(row.get<std::string_view>(0, 4), ec);
    std::optional<MailContent> mail;
    if (!ec && payload.is_object())
      mail = renderer_.render(template_name, locale, payload.get_object());
    std::expected<void, std::string> sent = std::unexpected("unknown template " + template_name);
    if (mail) {
      mail->from = options_.mail_from;
      mail->to = to;
      auto message_id =
          fmt::format("{}.{}@{}", id, core::random_hex(8), domain_of(options_.mail_from));
      auto message = mail_message(*mail, message_id, std::chrono::system_clock::now());
      sent = sender_.send(options_.mail_from, to, message);
    }
    if (sent) {
      conn.exec(kSent, id);
      observe::info("mail sent", {{"outbox_id", id}, {"template", template_name}});
    } else {
      bool last = !mail || attempts >= options_.max_attempts;
      conn.exec(kFailed, id, sent.error().substr(0, 500), last,
                std::to_string(retry_delay(attempts).count()));
      observe::warn("mail not sent", {{"outbox_id", id},
                                      {"template", template_name},
                                      {"attempt", attempts},
                                      {"gave_up", last},
                                      {"error", sent.error()}});
    }
    return true;
  });
}

int OutboxSender::drain(std::stop_token stop) {
  int handled = 0;
  while (!stop.stop_requested() && send_one()) ++handled;
  return handled;
}

jobs::Job outbox_job(OutboxSender& sender, std::chrono::milliseconds poll) {
  return {.name = "notify.outbox",
          .every = poll,
          .jitter = poll / 4,
          .exclusive = false,
          .run = [&sender](std::stop_token stop) { sender.drain(stop); }};
}

}  // namespace comptoir::notify

#include "notify/outbox.hpp"

#include <boost/json/serialize.hpp>

#include "db/connection.hpp"

namespace comptoir::notify {
namespace {

constexpr db::Query kEnqueue{
    "outbox_enqueue",
    "INSERT INTO email_outbox (to_address, locale, template, payload) VALUES ($1, $2, $3, "
    "$4::jsonb)"};

constexpr db::Query kForgetSent{
    "outbox_forget_sent",
    "DELETE FROM email_outbox WHERE lower(to_address) = lower($1) AND sent_at IS NOT NULL"};

}  // namespace

std::int64_t Outbox::forget_sent_to(db::Connection& conn, std::string_view address) {
  return static_cast<std::int64_t>(conn.exec(kForgetSent, address).affected_rows());
}

void Outbox::enqueue(db::Connection& conn, const Mail& mail) {
  conn.write(kEnqueue, mail.to, core::code(mail.locale), mail.template_name,
             boost::json::serialize(mail.payload));
}

}  // namespace comptoir::notify

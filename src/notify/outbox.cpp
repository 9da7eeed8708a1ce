#include "notify/outbox.hpp"

#include <boost/json/serialize.hpp>

#include "db/connection.hpp"

namespace comptoir::notify {
namespace {

constexpr db::Query kEnqueue{
    "outbox_enqueue",
    "INSERT INTO email_outbox (to_address, locale, template, payload) VALUES ($1, $2, $3, "
    "$4::jsonb)"};

}  // namespace

void Outbox::enqueue(db::Connection& conn, const Mail& mail) {
  conn.exec(kEnqueue, mail.to, core::code(mail.locale), mail.template_name,
            boost::json::serialize(mail.payload));
}

}  // namespace comptoir::notify

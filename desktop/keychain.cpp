#include "desktop/keychain.hpp"

#include <QEventLoop>
#include <QString>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <qt6keychain/keychain.h>

namespace comptoir::desktop {
namespace {

namespace json = boost::json;

const QString kService = QStringLiteral("comptoir-suppliers");

// Runs `job` to its end in a local event loop.
void run(QKeychain::Job& job, std::string_view name) {
  job.setAutoDelete(false);
  job.setKey(QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size())));
  QEventLoop loop;
  QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
  job.start();
  loop.exec();
}

std::string why(const QKeychain::Job& job) {
  return job.errorString().toStdString();
}

}  // namespace

SystemKeychain::SystemKeychain() {
  QKeychain::ReadPasswordJob probe(kService);
  run(probe, "comptoir-suppliers-probe");
  if (probe.error() != QKeychain::NoError && probe.error() != QKeychain::EntryNotFound)
    unavailable_ = why(probe);
}

std::expected<suppliers::ShopSecrets, std::string> SystemKeychain::read(std::string_view name) {
  if (!available()) return std::unexpected("no system keychain: " + unavailable_);
  QKeychain::ReadPasswordJob job(kService);
  run(job, name);
  if (job.error() == QKeychain::EntryNotFound)
    return std::unexpected("no entry '" + std::string(name) + "' in the system keychain");
  if (job.error() != QKeychain::NoError) return std::unexpected(why(job));
  boost::system::error_code ec;
  auto entry = json::parse(job.textData().toStdString(), ec);
  const auto* object = ec ? nullptr : entry.if_object();
  const auto* url = object ? object->if_contains("database_url") : nullptr;
  const auto* keys = object ? object->if_contains("secret_keys") : nullptr;
  if (!url || !url->is_string() || !keys || !keys->is_string())
    return std::unexpected("the system keychain's entry '" + std::string(name) +
                           "' is not one comptoir-suppliers wrote");
  return suppliers::ShopSecrets{.database_url = std::string(url->as_string()),
                                .secret_keys = std::string(keys->as_string())};
}

std::expected<void, std::string> SystemKeychain::write(std::string_view name,
                                                       const suppliers::ShopSecrets& secrets) {
  if (!available()) return std::unexpected("no system keychain: " + unavailable_);
  QKeychain::WritePasswordJob job(kService);
  job.setTextData(QString::fromStdString(json::serialize(
      json::object{{"database_url", secrets.database_url}, {"secret_keys", secrets.secret_keys}})));
  run(job, name);
  if (job.error() != QKeychain::NoError)
    return std::unexpected("the system keychain refused the secrets: " + why(job));
  return {};
}

std::expected<void, std::string> SystemKeychain::erase(std::string_view name) {
  if (!available()) return std::unexpected("no system keychain: " + unavailable_);
  QKeychain::DeletePasswordJob job(kService);
  run(job, name);
  if (job.error() != QKeychain::NoError && job.error() != QKeychain::EntryNotFound)
    return std::unexpected(why(job));
  return {};
}

}  // namespace comptoir::desktop

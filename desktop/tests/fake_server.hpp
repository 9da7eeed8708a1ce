#pragma once
// A supplier platform's local fake (tests/support/fake_*.mjs, the ones the engine's own tests
// use) run as a process by tests/support/serve_fake.mjs, for the desktop app's Qt tests.
#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>

#include <filesystem>
#include <stdexcept>

namespace comptoir::desktop {

class FakeServer {
 public:
  // Starts the fake `kind` (printify, dropshipper) with `options` (its start function's); what
  // it printed to reach it (url, token, secret…) is `info()`. Throws when it does not start.
  FakeServer(const QString& kind, const QJsonObject& options, const std::filesystem::path& root) {
    process_.setProgram(QStringLiteral("node"));
    process_.setArguments(
        {QString::fromStdString((root / "tests/support/serve_fake.mjs").string()), kind,
         QString::fromUtf8(QJsonDocument(options).toJson(QJsonDocument::Compact))});
    process_.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process_.start();
    if (!process_.waitForStarted(10'000))
      throw std::runtime_error("node could not start: " + process_.errorString().toStdString());
    info_ = answer();
  }
  ~FakeServer() {
    process_.closeWriteChannel();  // the fake stops when its input closes
    if (!process_.waitForFinished(5'000)) process_.kill();
    process_.waitForFinished(1'000);
  }
  FakeServer(const FakeServer&) = delete;
  FakeServer& operator=(const FakeServer&) = delete;

  const QJsonObject& info() const { return info_; }
  QString url() const { return info_.value(QStringLiteral("url")).toString(); }
  // Sends a command ({"failNext": {…}}, {"state": true}) and returns its answer.
  QJsonObject command(const QJsonObject& command) {
    process_.write(QJsonDocument(command).toJson(QJsonDocument::Compact) + '\n');
    return answer();
  }

 private:
  // The next line of JSON the fake printed (node:test's own lines are skipped).
  QJsonObject answer() {
    for (;;) {
      while (!process_.canReadLine())
        if (!process_.waitForReadyRead(10'000)) throw std::runtime_error("the fake did not answer");
      auto line = process_.readLine().trimmed();
      if (line.startsWith('{')) return QJsonDocument::fromJson(line).object();
    }
  }

  QProcess process_;
  QJsonObject info_;
};

}  // namespace comptoir::desktop

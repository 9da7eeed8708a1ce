#include "desktop/dashboard.hpp"
#include "desktop/qt_text.hpp"

#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>
#include <QtConcurrent/QtConcurrentRun>

#include "db/migration_set.hpp"

namespace comptoir::desktop {
namespace {

std::int64_t sum(const std::map<std::string, std::int64_t>& counts) {
  std::int64_t total = 0;
  for (const auto& [key, count] : counts) total += count;
  return total;
}

std::int64_t failed_calls(const suppliers::ShopStatus& status) {
  std::int64_t failed = 0;
  for (const auto& c : status.api_health) failed += c.failed;
  return failed;
}

QString breakdown(const std::map<std::string, std::int64_t>& counts) {
  QStringList parts;
  for (const auto& [key, count] : counts)
    parts << QStringLiteral("%1: %2").arg(text(key)).arg(count);
  return parts.join(QStringLiteral("\n"));
}

}  // namespace

bool DashboardModel::opens_list(const QModelIndex& index) const {
  if (!index.isValid() || index.row() >= rowCount() || !row(index.row()).reachable) return false;
  switch (index.column()) {
    case suppliers:
    case synced:
    case unmapped:
    case open_orders:
    case sync_errors:
    case alerts:
    case api_health:
    case last_sync:
      return true;
    default:
      return false;
  }
}

void DashboardModel::set_statuses(std::vector<suppliers::ShopStatus> statuses) {
  beginResetModel();
  all_ = std::move(statuses);
  shown_.clear();
  for (std::size_t i = 0; i < all_.size(); ++i)
    if (filter_.isEmpty() || text(all_[i].shop_id) == filter_) shown_.push_back(i);
  endResetModel();
}

void DashboardModel::set_filter(const QString& shop_id) {
  filter_ = shop_id;
  set_statuses(std::move(all_));
}

void DashboardModel::retranslate() {
  Q_EMIT headerDataChanged(Qt::Horizontal, 0, column_count - 1);
  if (!shown_.empty()) Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, column_count - 1));
}

int DashboardModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(shown_.size());
}

int DashboardModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : column_count;
}

const suppliers::ShopStatus& DashboardModel::row(int index) const {
  return all_[shown_[static_cast<std::size_t>(index)]];
}

QString DashboardModel::state_text(const suppliers::ShopStatus& status) const {
  using suppliers::SchemaState;
  if (status.schema == SchemaState::needs_migrate)
    return tr("Needs comptoir migrate (%n migration(s) pending)", "", status.pending_migrations);
  if (!status.reachable) return tr("Unreachable");
  if (status.schema == SchemaState::newer_than_app) return tr("Newer than this app: update it");
  return tr("OK");
}

QVariant DashboardModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const auto& status = row(index.row());
  const bool figures = status.reachable;
  const QLocale locale;
  auto number = [&](std::int64_t value) -> QVariant {
    return figures ? QVariant(locale.toString(value)) : QVariant();
  };
  if (role == Qt::DecorationRole && index.column() == shop) return QColor(text(status.color));
  if (role == Qt::ToolTipRole) {
    if (index.column() == state && !status.error.empty()) return text(status.error);
    QString tip;
    if (index.column() == suppliers) tip = breakdown(status.active_suppliers_by_type);
    if (index.column() == open_orders) tip = breakdown(status.open_orders_by_state);
    if (index.column() == api_health)
      for (const auto& c : status.api_health)
        tip += (tip.isEmpty() ? QString() : QStringLiteral("\n")) +
               tr("%1: %n call(s), %2 failed, median %3 ms", "", static_cast<int>(c.calls))
                   .arg(text(c.connector))
                   .arg(c.failed)
                   .arg(c.median_latency_ms);
    if (opens_list(index))
      tip += (tip.isEmpty() ? QString() : QStringLiteral("\n")) + tr("Click to open the list");
    return tip.isEmpty() ? QVariant() : QVariant(tip);
  }
  // The figures that open their lists look like links; calls failing, in red.
  if (role == Qt::ForegroundRole && index.column() == api_health && failed_calls(status) > 0)
    return QColor(0xb0, 0x00, 0x20);
  if (role == Qt::ForegroundRole && opens_list(index))
    return QGuiApplication::palette().color(QPalette::Link);
  if (role == Qt::FontRole && opens_list(index)) {
    QFont font;
    font.setUnderline(true);
    return font;
  }
  if (role == Qt::TextAlignmentRole && index.column() >= suppliers && index.column() != last_sync)
    return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
  if (role == Qt::UserRole) return text(status.shop_id);
  if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole) return {};
  switch (index.column()) {
    case shop:
      return text(status.shop_name.empty() ? status.shop_id : status.shop_name);
    case state:
      return state_text(status);
    case suppliers:
      return number(sum(status.active_suppliers_by_type));
    case synced:
      return number(status.synced_variants);
    case unmapped:
      return number(status.unmapped_variants);
    case open_orders:
      return number(sum(status.open_orders_by_state));
    case sync_errors:
      return number(status.sync_errors);
    case alerts:
      return number(status.open_alerts);
    case api_health: {
      if (!figures) return {};
      std::int64_t calls = 0;
      for (const auto& c : status.api_health) calls += c.calls;
      if (calls == 0) return tr("no call");
      const auto failed = failed_calls(status);
      return failed > 0 ? tr("%1 of %2 failed").arg(locale.toString(failed), locale.toString(calls))
                        : tr("%1 OK").arg(locale.toString(calls));
    }
    case last_sync:
      if (!figures) return {};
      if (status.last_sync_at.empty()) return tr("never");
      return locale.toString(
          QDateTime::fromString(text(status.last_sync_at), Qt::ISODate).toLocalTime(),
          QLocale::ShortFormat);
    case latency:
      return tr("%1 ms").arg(status.latency_ms);
    default:
      return {};
  }
}

QVariant DashboardModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case shop:
      return tr("Shop");
    case state:
      return tr("State");
    case suppliers:
      return tr("Active suppliers");
    case synced:
      return tr("Synced variants");
    case unmapped:
      return tr("Unmapped");
    case open_orders:
      return tr("Open supplier orders");
    case sync_errors:
      return tr("Sync errors");
    case alerts:
      return tr("Alerts");
    case api_health:
      return tr("API calls (24 h)");
    case last_sync:
      return tr("Last sync");
    case latency:
      return tr("Latency");
    default:
      return {};
  }
}

DashboardLoader::DashboardLoader(DashboardModel& model, const db::MigrationSet* migrations,
                                 QObject* parent)
    : QObject(parent), model_(model), migrations_(migrations) {
  connect(&watcher_, &QFutureWatcherBase::finished, this, [this] {
    if (watcher_.isCanceled()) return;
    model_.set_statuses(watcher_.result());
    Q_EMIT loaded();
  });
}

void DashboardLoader::load(std::vector<suppliers::Shop> shops) {
  const auto* migrations = migrations_;
  // The engine reads every shop at once, each on its own connection; never on this thread.
  watcher_.setFuture(QtConcurrent::run([shops = std::move(shops), migrations] {
    return suppliers::consolidated_status(shops, migrations);
  }));
}

}  // namespace comptoir::desktop

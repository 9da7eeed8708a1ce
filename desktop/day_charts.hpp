#pragma once

#include <QString>
#include <QWidget>

#include <vector>

#include "suppliers/status_report.hpp"

class QChart;
class QChartView;

namespace comptoir::desktop {

// Under the dashboard, two charts (Qt Charts) of the last two weeks from the engine's figures
// (suppliers::ShopStatus::days): supplier orders per day and sync errors per day, one bar segment
// per shop in its colour, stacked — the chosen shop's alone when the switcher names one. A shop
// that could not be read has no bars (the table says why). For screen readers each chart's
// description says the total and the busiest day; each bar's tooltip says its shop, day and count.
class DayCharts : public QWidget {
  Q_OBJECT

 public:
  explicit DayCharts(QWidget* parent = nullptr);

  void show_statuses(const std::vector<suppliers::ShopStatus>& statuses, const QString& shop_id);

  QChartView* orders_view() const { return orders_; }
  QChartView* errors_view() const { return errors_; }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  enum class Figure { orders, sync_errors };
  void draw(QChartView* view, Figure figure);
  void retranslate();

  std::vector<suppliers::ShopStatus> shown_;
  QChartView* orders_;
  QChartView* errors_;
};

}  // namespace comptoir::desktop

#include "desktop/day_charts.hpp"
#include "desktop/qt_text.hpp"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDate>
#include <QEvent>
#include <QHBoxLayout>
#include <QLocale>
#include <QStackedBarSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <numeric>

namespace comptoir::desktop {

DayCharts::DayCharts(QWidget* parent)
    : QWidget(parent), orders_(new QChartView(this)), errors_(new QChartView(this)) {
  orders_->setObjectName(QStringLiteral("ordersPerDay"));
  errors_->setObjectName(QStringLiteral("syncErrorsPerDay"));
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  for (auto* view : {orders_, errors_}) {
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(220);
    view->setFocusPolicy(Qt::TabFocus);  // reachable by keyboard, for its description
    view->chart()->legend()->setAlignment(Qt::AlignBottom);
    view->chart()->setMargins(QMargins(4, 4, 4, 4));
    layout->addWidget(view);
  }
  retranslate();
}

void DayCharts::show_statuses(const std::vector<suppliers::ShopStatus>& statuses,
                              const QString& shop_id) {
  shown_.clear();
  for (const auto& status : statuses)
    if (status.reachable && !status.days.empty() &&
        (shop_id.isEmpty() || text(status.shop_id) == shop_id))
      shown_.push_back(status);
  draw(orders_, Figure::orders);
  draw(errors_, Figure::sync_errors);
}

void DayCharts::draw(QChartView* view, Figure figure) {
  auto* chart = view->chart();
  // The series are made anew; the axes are the chart's own for its life (removing and deleting
  // axes between two quick redraws left the old ones drawn).
  chart->removeAllSeries();
  auto* x = qobject_cast<QBarCategoryAxis*>(chart->axes(Qt::Horizontal).value(0));
  auto* y = qobject_cast<QValueAxis*>(chart->axes(Qt::Vertical).value(0));
  if (!x) {
    x = new QBarCategoryAxis(chart);
    chart->addAxis(x, Qt::AlignBottom);
    y = new QValueAxis(chart);
    y->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(y, Qt::AlignLeft);
  }
  const bool orders = figure == Figure::orders;
  chart->legend()->setVisible(shown_.size() > 1);
  x->setVisible(!shown_.empty());
  y->setVisible(!shown_.empty());
  if (shown_.empty()) {
    chart->setTitle(orders ? tr("Supplier orders per day") : tr("Sync errors per day"));
    view->setAccessibleDescription(tr("No shop's figures to show"));
    return;
  }
  // The days are the same for every shop (the engine's last two weeks, read at once): the axis
  // says the day of the month (unique over two weeks, and short enough to stay level), the title
  // the dates, the tooltips and the description the whole date.
  const QLocale locale;
  QStringList labels;
  QStringList days;
  for (const auto& day : shown_.front().days) {
    auto date = QDate::fromString(text(day.day), Qt::ISODate);
    labels << QString::number(date.day());
    days << locale.toString(date, QStringLiteral("d MMM"));
  }
  chart->setTitle(
      (orders ? tr("Supplier orders per day, %1 – %2") : tr("Sync errors per day, %1 – %2"))
          .arg(days.front(), days.back()));
  auto* series = new QStackedBarSeries;
  std::vector<std::int64_t> totals(static_cast<std::size_t>(days.size()), 0);
  for (const auto& status : shown_) {
    auto* set = new QBarSet(text(status.shop_name.empty() ? status.shop_id : status.shop_name));
    set->setColor(QColor(text(status.color)));
    set->setBorderColor(QColor(text(status.color)).darker(130));
    for (std::size_t i = 0; i < status.days.size() && i < totals.size(); ++i) {
      auto value = orders ? status.days[i].orders : status.days[i].sync_errors;
      totals[i] += value;
      *set << static_cast<qreal>(value);
    }
    connect(set, &QBarSet::hovered, view, [set, days](bool on, int index) {
      if (on)
        QToolTip::showText(
            QCursor::pos(),
            QStringLiteral("%1, %2: %3").arg(set->label(), days.value(index)).arg(set->at(index)));
      else
        QToolTip::hideText();
    });
    series->append(set);
  }
  chart->addSeries(series);
  x->setCategories(labels);
  series->attachAxis(x);
  const auto busiest = std::max_element(totals.begin(), totals.end());
  y->setRange(0, static_cast<qreal>(std::max<std::int64_t>(*busiest, 4)));
  y->applyNiceNumbers();
  series->attachAxis(y);

  const auto total = std::accumulate(totals.begin(), totals.end(), std::int64_t{0});
  view->setAccessibleDescription(
      total == 0
          ? tr("None in the last %n day(s)", "", static_cast<int>(days.size()))
          : tr("%1 in the last %n day(s); most on %2 (%3)", "", static_cast<int>(days.size()))
                .arg(locale.toString(total), days.value(static_cast<int>(busiest - totals.begin())),
                     locale.toString(*busiest)));
}

void DayCharts::retranslate() {
  orders_->setAccessibleName(tr("Supplier orders per day, last two weeks"));
  errors_->setAccessibleName(tr("Sync errors per day, last two weeks"));
  draw(orders_, Figure::orders);
  draw(errors_, Figure::sync_errors);
}

void DayCharts::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

}  // namespace comptoir::desktop

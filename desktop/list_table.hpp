#pragma once

#include <QComboBox>
#include <QHeaderView>
#include <QTableWidget>

#include <vector>

#include "desktop/qt_text.hpp"
#include "suppliers/model.hpp"

namespace comptoir::desktop {

inline constexpr int kMeasuredRows = 50;

// A table the app lists rows in: whole rows chosen one at a time, nothing edited in place,
// columns sized to their contents and the last one stretched. The contents measured are the rows
// in view and a few more, not every row: measuring the text of a thousand rows held the event loop
// for 200 ms and more (bench/suppliers-app).
inline void make_list(QTableWidget* table) {
  table->setSelectionBehavior(QAbstractItemView::SelectRows);
  table->setSelectionMode(QAbstractItemView::SingleSelection);
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table->verticalHeader()->hide();
  table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table->horizontalHeader()->setResizeContentsPrecision(kMeasuredRows);
  table->horizontalHeader()->setStretchLastSection(true);
}

// A filter's list of suppliers: `every` (no filter) first, then each supplier (its id as the
// data); what was chosen stays chosen when it is still there.
inline void fill_supplier_filter(QComboBox* combo, const std::vector<suppliers::Supplier>& list,
                                 const QString& every) {
  auto keep = combo->currentData();
  combo->clear();
  combo->addItem(every, QVariant());
  for (const auto& s : list) combo->addItem(text(s.name), QVariant::fromValue<qlonglong>(s.id));
  auto index = combo->findData(keep);
  combo->setCurrentIndex(index < 0 ? 0 : index);
}

}  // namespace comptoir::desktop

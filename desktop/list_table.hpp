#pragma once

#include <QHeaderView>
#include <QTableWidget>

namespace comptoir::desktop {

// A table the app lists rows in: whole rows chosen one at a time, nothing edited in place,
// columns sized to their contents and the last one stretched.
inline void make_list(QTableWidget* table) {
  table->setSelectionBehavior(QAbstractItemView::SelectRows);
  table->setSelectionMode(QAbstractItemView::SingleSelection);
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table->verticalHeader()->hide();
  table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table->horizontalHeader()->setStretchLastSection(true);
}

}  // namespace comptoir::desktop

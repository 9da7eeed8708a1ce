#pragma once

#include <QDialog>
#include <QFutureWatcher>
#include <QWidget>

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "catalog/variant_lookup.hpp"
#include "suppliers/catalog_sync.hpp"
#include "suppliers/mapping_editor.hpp"
#include "suppliers/model.hpp"
#include "suppliers/shops.hpp"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace comptoir::desktop {

// An automatic match offered for review: the engine's proposal and what it joins.
struct ProposalView {
  suppliers::MatchProposal proposal{};
  std::string supplier_sku{};
  std::string supplier_title{};
  catalog::VariantLabel shop{};
};

// Reviews auto-matches before they are made: each one checked, to uncheck those to leave.
class ProposalDialog : public QDialog {
  Q_OBJECT

 public:
  ProposalDialog(std::vector<ProposalView> proposals, QWidget* parent = nullptr);
  // The proposals left checked.
  std::vector<suppliers::MatchProposal> kept() const;
  QTableWidget* table() const { return table_; }

 private:
  std::vector<ProposalView> proposals_;
  QTableWidget* table_;
};

// The mapping editor of the shop the switcher shows: on the left its suppliers' variants — all,
// unmapped, mapped, or in conflict (a shop variant several suppliers serve at different costs or
// stock, with the supplier the routing policy would choose) — searched by SKU, GTIN or title; on
// the right the shop's variants, searched by SKU, GTIN or product name. Map the chosen pair by
// hand with a priority, unmap, or auto-match a supplier by SKU then GTIN after reviewing each
// match. The engine's functions (suppliers/mapping_editor, propose_matches, accept_matches), on
// worker threads.
class MappingPage : public QWidget {
  Q_OBJECT

 public:
  explicit MappingPage(QWidget* parent = nullptr);
  ~MappingPage() override;
  MappingPage(const MappingPage&) = delete;
  MappingPage& operator=(const MappingPage&) = delete;

  void set_shop(const suppliers::Shop* shop);
  void reload();
  void set_show(suppliers::MappingShow show);
  void set_text(const QString& text);
  void search_shop(const QString& text);
  // Supplier row `row` to shop row `shop_row`, by hand; unmapped; `acted` says how it went.
  void map(int row, int shop_row, int priority);
  void unmap(int row);
  // Auto-matches of supplier `id` for review (`proposed`), and the ones kept.
  void propose(std::int64_t supplier_id);
  void accept(const std::vector<suppliers::MatchProposal>& kept);

  const std::vector<suppliers::MappingRow>& rows() const { return rows_; }
  const std::vector<catalog::VariantLabel>& shop_variants() const { return found_; }
  const std::vector<ProposalView>& proposals() const { return proposals_; }
  QTableWidget* table() const { return table_; }
  QLabel* message() const { return message_; }

 Q_SIGNALS:
  void loaded();
  void shop_found();
  void acted(const QString& problem);
  void proposed();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  struct Snapshot {
    std::vector<suppliers::Supplier> suppliers;
    std::vector<suppliers::MappingRow> rows;
  };
  template <class Work>
  void act(Work work);
  void fill();
  void fill_shop();
  void update_buttons();
  void on_auto_match();
  void retranslate();
  std::string locale() const;

  std::optional<suppliers::Shop> shop_;
  std::vector<suppliers::Supplier> suppliers_;
  std::vector<suppliers::MappingRow> rows_;
  std::vector<catalog::VariantLabel> found_;  // the shop's variants searched
  std::vector<ProposalView> proposals_;
  QLabel* hint_;
  QComboBox* supplier_;
  QComboBox* show_;
  QLineEdit* text_;
  QTableWidget* table_;
  QLineEdit* shop_text_;
  QTableWidget* shop_table_;
  QSpinBox* priority_;
  QPushButton* map_;
  QPushButton* unmap_;
  QPushButton* auto_;
  QLabel* message_;
  QFutureWatcher<std::expected<Snapshot, std::string>> loading_;
  QFutureWatcher<std::expected<std::vector<catalog::VariantLabel>, std::string>> finding_;
  QFutureWatcher<std::expected<std::string, std::string>> acting_;
  QFutureWatcher<std::expected<std::vector<ProposalView>, std::string>> proposing_;
};

}  // namespace comptoir::desktop

#include "desktop/main_window.hpp"
#include "desktop/qt_text.hpp"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDate>
#include <QDateTime>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include "desktop/shop_dialog.hpp"

namespace comptoir::desktop {
namespace {

const suppliers::Shop* find_shop(const ShopBook& book, const QString& id) {
  for (const auto& shop : book.shops())
    if (text(shop.id) == id) return &shop;
  return nullptr;
}

}  // namespace

MainWindow::MainWindow(ShopBook book, const db::MigrationSet* migrations,
                       Translations& translations, QWidget* parent)
    : QMainWindow(parent),
      book_(std::move(book)),
      translations_(translations),
      loader_(std::make_unique<DashboardLoader>(model_, migrations)),
      switcher_(new QComboBox(this)),
      tabs_(new QTabWidget(this)),
      suppliers_(new SuppliersPage(this)),
      sync_(new SyncPage(this)),
      orders_(new OrdersPage(this)),
      mapping_(new MappingPage(this)),
      api_log_(new ApiLogPage(this)),
      alerts_(new AlertsPage(this)),
      engine_(QApplication::applicationVersion()),
      table_(new QTableView(this)),
      charts_(new DayCharts(this)),
      summary_(new QLabel(this)),
      file_note_(new QLabel(this)),
      timer_(new QTimer(this)) {
  setObjectName(QStringLiteral("mainWindow"));
  switcher_->setObjectName(QStringLiteral("shopSwitcher"));
  switcher_->setMinimumContentsLength(18);
  table_->setObjectName(QStringLiteral("dashboard"));
  table_->setModel(&model_);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->verticalHeader()->hide();
  summary_->setObjectName(QStringLiteral("summary"));
  auto* dashboard = new QWidget(this);
  auto* layout = new QVBoxLayout(dashboard);
  layout->addWidget(summary_);
  layout->addWidget(table_, 1);
  layout->addWidget(charts_, 1);
  tabs_->setObjectName(QStringLiteral("tabs"));
  tabs_->addTab(dashboard, QString());
  tabs_->addTab(suppliers_, QString());
  tabs_->addTab(sync_, QString());
  tabs_->addTab(orders_, QString());
  tabs_->addTab(mapping_, QString());
  tabs_->addTab(api_log_, QString());
  tabs_->addTab(alerts_, QString());
  setCentralWidget(tabs_);
  statusBar()->addPermanentWidget(file_note_);

  build_actions();
  fill_switcher();
  connect(switcher_, &QComboBox::currentIndexChanged, this, &MainWindow::show_current);
  connect(tabs_, &QTabWidget::currentChanged, this, &MainWindow::reload_tab);
  connect(table_, &QTableView::clicked, this, &MainWindow::open_list);
  connect(table_, &QTableView::activated, this, &MainWindow::open_list);
  connect(loader_.get(), &DashboardLoader::loaded, this, [this] {
    charts_->show_statuses(model_.statuses(), current_shop());
    update_summary();
    statusBar()->showMessage(
        tr("Read at %1").arg(QLocale().toString(QTime::currentTime(), QLocale::ShortFormat)));
  });
  connect(timer_, &QTimer::timeout, this, &MainWindow::refresh);
  engine_.set_shops(book_.shops());
  connect(&engine_, &EngineHost::passed, this, [this](const QStringList& lines, bool ok) {
    statusBar()->showMessage((ok ? tr("Engine pass: %1") : tr("Engine pass, with errors: %1"))
                                 .arg(lines.join(QStringLiteral(" · "))));
    sync_->reload();
  });
  timer_->start(30'000);
  retranslate();
  show_current();
  resize(1100, 720);
  refresh();
}

void MainWindow::build_actions() {
  auto* bar = addToolBar(QString());
  bar->setObjectName(QStringLiteral("shopBar"));
  bar->setMovable(false);
  bar->addWidget(switcher_);
  refresh_ = bar->addAction(QString(), this, &MainWindow::refresh);
  refresh_->setShortcut(QKeySequence::Refresh);
  add_ = bar->addAction(QString(), this, &MainWindow::on_add);
  add_->setShortcut(QKeySequence::New);
  edit_ = bar->addAction(QString(), this, &MainWindow::on_edit);
  remove_ = bar->addAction(QString(), this, &MainWindow::on_remove);
  shops_menu_ = menuBar()->addMenu(QString());
  shops_menu_->addActions({refresh_, add_, edit_, remove_});
  engine_menu_ = menuBar()->addMenu(QString());
  run_engine_ = engine_menu_->addAction(QString());
  run_engine_->setCheckable(true);
  connect(run_engine_, &QAction::toggled, this, [this](bool on) {
    engine_.set_running(on);
    sync_->reload();
  });
  language_menu_ = menuBar()->addMenu(QString());
  french_ = language_menu_->addAction(QStringLiteral("Français"),
                                      [this] { translations_.use(QStringLiteral("fr")); });
  english_ = language_menu_->addAction(QStringLiteral("English"),
                                       [this] { translations_.use(QStringLiteral("en")); });
  // Ctrl+0: all shops; Ctrl+1…9: the first nine shops, in the list's order.
  for (int n = 0; n <= 9; ++n) {
    auto* action = new QAction(this);
    action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_0 + n)));
    connect(action, &QAction::triggered, this, [this, n] {
      if (n < switcher_->count()) switcher_->setCurrentIndex(n);
    });
    addAction(action);
    shortcuts_.push_back(action);
  }
}

void MainWindow::fill_switcher() {
  auto current = current_shop();
  const QSignalBlocker quiet(switcher_);
  switcher_->clear();
  switcher_->addItem(tr("All shops"), QString());
  for (const auto& shop : book_.shops()) {
    QPixmap swatch(12, 12);
    swatch.fill(QColor(text(shop.color)));
    switcher_->addItem(QIcon(swatch), text(shop.name.empty() ? shop.id : shop.name), text(shop.id));
  }
  auto index = switcher_->findData(current);
  switcher_->setCurrentIndex(index < 0 ? 0 : index);
}

void MainWindow::show_current() {
  model_.set_filter(current_shop());
  suppliers_->set_shop(find_shop(book_, current_shop()));
  sync_->set_shop(find_shop(book_, current_shop()));
  mapping_->set_shop(find_shop(book_, current_shop()));
  api_log_->set_shop(find_shop(book_, current_shop()));
  alerts_->set_shop(find_shop(book_, current_shop()));
  charts_->show_statuses(model_.statuses(), current_shop());
  const auto* shown = find_shop(book_, current_shop());
  orders_->set_shops(shown ? std::vector<suppliers::Shop>{*shown} : book_.shops());
  edit_->setEnabled(!current_shop().isEmpty());
  remove_->setEnabled(!current_shop().isEmpty());
  theme();
  update_summary();
}

QString MainWindow::current_shop() const {
  return switcher_->currentData().toString();
}

void MainWindow::select_shop(const QString& id) {
  auto index = switcher_->findData(id);
  if (index >= 0) switcher_->setCurrentIndex(index);
}

void MainWindow::refresh() {
  loader_->load(book_.shops());
  reload_tab(tabs_->currentIndex());
}

void MainWindow::reload_tab(int index) {
  // Only the tab in view reads its shops: the others read theirs when they are chosen.
  auto* page = tabs_->widget(index);
  if (page == suppliers_)
    suppliers_->reload();
  else if (page == sync_ && !sync_->syncing())
    sync_->reload();
  else if (page == orders_)
    orders_->reload();
  else if (page == mapping_)
    mapping_->reload();
  else if (page == api_log_)
    api_log_->reload();
  else if (page == alerts_)
    alerts_->reload();
}

void MainWindow::open_list(const QModelIndex& index) {
  if (!model_.opens_list(index)) return;
  const auto column = index.column();
  QWidget* page = column == DashboardModel::suppliers ? static_cast<QWidget*>(suppliers_)
                  : column == DashboardModel::synced || column == DashboardModel::unmapped
                      ? static_cast<QWidget*>(mapping_)
                  : column == DashboardModel::open_orders ? static_cast<QWidget*>(orders_)
                  : column == DashboardModel::alerts      ? static_cast<QWidget*>(alerts_)
                  : column == DashboardModel::api_health  ? static_cast<QWidget*>(api_log_)
                                                          : static_cast<QWidget*>(sync_);
  select_shop(model_.data(index, Qt::UserRole).toString());
  // The filter first (its page reads nothing while hidden), then the tab, which reads it.
  if (column == DashboardModel::unmapped) mapping_->set_show(suppliers::MappingShow::unmapped);
  if (column == DashboardModel::synced) mapping_->set_show(suppliers::MappingShow::all);
  if (column == DashboardModel::open_orders) orders_->set_state_filter(QStringLiteral("open"));
  if (column == DashboardModel::api_health) {
    api_log_->set_dates(QDate::currentDate().addDays(-1), QDate::currentDate());
    api_log_->set_outcome(suppliers::ApiCallQuery::Outcome::failed);
  }
  tabs_->setCurrentWidget(page);
}

void MainWindow::theme() {
  const auto* shop = find_shop(book_, current_shop());
  if (!shop) {
    setPalette(QApplication::palette());
    findChild<QToolBar*>(QStringLiteral("shopBar"))->setStyleSheet(QString());
    return;
  }
  const QColor color(text(shop->color));
  auto palette = QApplication::palette();
  palette.setColor(QPalette::Window, color.lighter(185));
  palette.setColor(QPalette::Highlight, color);
  palette.setColor(QPalette::HighlightedText,
                   color.lightness() > 140 ? QColor(Qt::black) : QColor(Qt::white));
  setPalette(palette);
  findChild<QToolBar*>(QStringLiteral("shopBar"))
      ->setStyleSheet(
          QStringLiteral("QToolBar { border-bottom: 4px solid %1; }").arg(color.name()));
}

void MainWindow::update_summary() {
  int shown = model_.rowCount();
  int down = 0;
  int to_migrate = 0;
  for (const auto& status : model_.statuses()) {
    if (!current_shop().isEmpty() && text(status.shop_id) != current_shop()) continue;
    if (status.schema == suppliers::SchemaState::needs_migrate)
      ++to_migrate;
    else if (!status.reachable)
      ++down;
  }
  QString line = tr("%n shop(s)", "", shown);
  if (down > 0) line += QStringLiteral(" · ") + tr("%n unreachable", "", down);
  if (to_migrate > 0) line += QStringLiteral(" · ") + tr("%n to migrate", "", to_migrate);
  if (book_.shops().empty()) line = tr("No shop yet: add one (Ctrl+N).");
  summary_->setText(line);
}

void MainWindow::retranslate() {
  setWindowTitle(tr("Comptoir — suppliers"));
  switcher_->setAccessibleName(tr("Shop"));
  switcher_->setToolTip(tr("The shop shown (Ctrl+1…9; Ctrl+0: all shops)"));
  if (switcher_->count() > 0) switcher_->setItemText(0, tr("All shops"));
  refresh_->setText(tr("&Refresh"));
  add_->setText(tr("&Add a shop…"));
  edit_->setText(tr("&Edit the shop…"));
  remove_->setText(tr("Re&move the shop…"));
  shops_menu_->setTitle(tr("&Shops"));
  language_menu_->setTitle(tr("&Language"));
  engine_menu_->setTitle(tr("E&ngine"));
  run_engine_->setText(tr("&Run the jobs in this app"));
  run_engine_->setToolTip(
      tr("Dispatch, due syncs and stock for every shop, a pass a minute, as "
         "comptoir suppliers run does on a server"));
  table_->setAccessibleName(tr("Dashboard of every shop"));
  tabs_->setTabText(0, tr("&Dashboard"));
  tabs_->setTabText(1, tr("S&uppliers"));
  tabs_->setTabText(2, tr("S&ync"));
  tabs_->setTabText(3, tr("&Orders"));
  tabs_->setTabText(4, tr("&Mapping"));
  tabs_->setTabText(5, tr("API &log"));
  tabs_->setTabText(6, tr("Aler&ts"));
  const auto file = QString::fromStdString(book_.file().string());
  if (book_.keeps_secrets_in_keychain()) {
    file_note_->setText(tr("Shops file: %1 (secrets in the system keychain)").arg(file));
    file_note_->setToolTip({});
  } else {
    file_note_->setText(
        tr("Shops file: %1 (no system keychain: secrets in files readable only by you)").arg(file));
    file_note_->setToolTip(book_.vault() ? text(book_.vault()->unavailable_reason())
                                         : tr("The app was started without the system keychain"));
  }
  model_.retranslate();
  update_summary();
}

void MainWindow::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QMainWindow::changeEvent(event);
}

QString MainWindow::add_shop(const ShopEntry& entry) {
  auto added = book_.add(entry);
  if (!added) return QString::fromStdString(added.error());
  fill_switcher();
  engine_.set_shops(book_.shops());
  select_shop(text(entry.id));  // a new entry: the switcher moves to it and shows it
  refresh();
  return {};
}

QString MainWindow::edit_shop(const ShopEntry& entry) {
  auto updated = book_.update(entry.id, entry);
  if (!updated) return QString::fromStdString(updated.error());
  fill_switcher();
  engine_.set_shops(book_.shops());
  show_current();
  refresh();
  return {};
}

QString MainWindow::remove_shop(const QString& id) {
  auto removed = book_.remove(id.toStdString());
  if (!removed) return QString::fromStdString(removed.error());
  fill_switcher();
  engine_.set_shops(book_.shops());
  show_current();
  refresh();
  return {};
}

void MainWindow::on_add() {
  ShopDialog dialog(nullptr, book_.keeps_secrets_in_keychain(), this);
  while (dialog.exec() == QDialog::Accepted) {
    auto problem = add_shop(dialog.entry());
    if (problem.isEmpty()) return;
    dialog.refuse(problem);
  }
}

void MainWindow::on_edit() {
  const auto* shop = find_shop(book_, current_shop());
  if (!shop) return;
  ShopDialog dialog(shop, book_.keeps_secrets_in_keychain(), this);
  while (dialog.exec() == QDialog::Accepted) {
    auto problem = edit_shop(dialog.entry());
    if (problem.isEmpty()) return;
    dialog.refuse(problem);
  }
}

void MainWindow::on_remove() {
  const auto* shop = find_shop(book_, current_shop());
  if (!shop) return;
  auto answer = QMessageBox::question(
      this, tr("Remove the shop"),
      tr("Remove %1 from the list? Its database is not touched; its secrets are deleted.")
          .arg(text(shop->name.empty() ? shop->id : shop->name)));
  if (answer != QMessageBox::Yes) return;
  if (auto problem = remove_shop(text(shop->id)); !problem.isEmpty())
    QMessageBox::warning(this, tr("Remove the shop"), problem);
}

}  // namespace comptoir::desktop

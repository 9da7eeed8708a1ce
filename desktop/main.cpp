// comptoir-suppliers: the desktop supplier manager for several shops (docs/suppliers-app.md).
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QMessageBox>
#include <QStandardPaths>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <vector>

#include "db/migration_set.hpp"
#include "desktop/keychain.hpp"
#include "desktop/main_window.hpp"
#include "desktop/screenshots.hpp"
#include "desktop/translations.hpp"

namespace {

// The shops file: --shops, else $COMPTOIR_SHOPS, else comptoir-shops.json in the user's
// configuration folder (~/.config/comptoir/).
QString shops_file(const QCommandLineParser& options) {
  if (options.isSet(QStringLiteral("shops"))) return options.value(QStringLiteral("shops"));
  if (const char* env = std::getenv("COMPTOIR_SHOPS"); env && *env) return QString::fromUtf8(env);
  return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
      .filePath(QStringLiteral("comptoir/comptoir-shops.json"));
}

// The migrations this program ships, to check each shop's schema: $COMPTOIR_DATA_DIR/migrations,
// else the installed ones (<prefix>/share/comptoir-suppliers/migrations, beside bin/), else the
// build's. nullptr when none can be read (the schema is then not checked).
std::unique_ptr<comptoir::db::MigrationSet> own_migrations() {
  std::vector<std::filesystem::path> dirs;
  if (const char* env = std::getenv("COMPTOIR_DATA_DIR"); env && *env) dirs.emplace_back(env);
  dirs.push_back(
      std::filesystem::path(QApplication::applicationDirPath().toStdString()).parent_path() /
      "share" / "comptoir-suppliers");
  dirs.emplace_back(COMPTOIR_DESKTOP_DATA_DIR);
  for (const auto& dir : dirs) {
    if (!std::filesystem::is_directory(dir / "migrations")) continue;
    try {
      return std::make_unique<comptoir::db::MigrationSet>(
          comptoir::db::MigrationSet::load(dir / "migrations"));
    } catch (const std::exception&) {
      return nullptr;
    }
  }
  return nullptr;
}

}  // namespace

int main(int argc, char* argv[]) {
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("comptoir-suppliers"));
  QApplication::setOrganizationName(QStringLiteral("Comptoir"));
  QApplication::setApplicationVersion(QStringLiteral(COMPTOIR_DESKTOP_VERSION));
  QCommandLineParser options;
  options.setApplicationDescription(
      QStringLiteral("Comptoir's supplier manager for several shops"));
  options.addHelpOption();
  options.addVersionOption();
  options.addOption(
      {QStringLiteral("shops"), QStringLiteral("The shops file."), QStringLiteral("FILE")});
  options.addOption({QStringLiteral("lang"), QStringLiteral("fr or en (default: the system's)."),
                     QStringLiteral("LANG")});
  options.addOption({QStringLiteral("screenshots"),
                     QStringLiteral("Save the screens as PNG files in DIR, then quit."),
                     QStringLiteral("DIR")});
  options.process(app);

  comptoir::desktop::Translations translations;
  translations.use(options.value(QStringLiteral("lang")));
  comptoir::desktop::SystemKeychain keychain;
  auto book = comptoir::desktop::ShopBook::open(shops_file(options).toStdString(), &keychain);
  if (!book) {
    QMessageBox::critical(nullptr, QStringLiteral("comptoir-suppliers"),
                          QString::fromStdString(book.error()));
    return 1;
  }
  auto migrations = own_migrations();
  comptoir::desktop::MainWindow window(std::move(*book), migrations.get(), translations);
  if (options.isSet(QStringLiteral("screenshots")))
    comptoir::desktop::take_screenshots(window, options.value(QStringLiteral("screenshots")));
  window.show();
  return QApplication::exec();
}

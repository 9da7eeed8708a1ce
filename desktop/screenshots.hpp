#pragma once

#include <QString>

namespace comptoir::desktop {

class MainWindow;

// `comptoir-suppliers --screenshots DIR`: the window's screens as PNG files (docs/suppliers-app/),
// then the app quits — the dashboard of every shop, the first shop's dashboard in its colour, its
// suppliers, its syncs, its order queue, its mappings and its API calls. Each screen is taken once
// its data is read.
void take_screenshots(MainWindow& window, const QString& dir);

}  // namespace comptoir::desktop

#pragma once
#include <QLocale>
#include <QStringList>

class QCoreApplication;

namespace drs::ui {

// Installs the application's translation for locale (and Qt's own, where installed). Returns the
// catalogues that were loaded; English needs none, so it may be empty.
QStringList installTranslations(QCoreApplication& application, const QLocale& locale);

}  // namespace drs::ui

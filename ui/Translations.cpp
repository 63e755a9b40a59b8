#include "ui/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace drs::ui {

QStringList installTranslations(QCoreApplication& application, const QLocale& locale) {
    QStringList loaded;
    // Our catalogues are compiled into the binary (resource prefix /i18n, see translations/).
    auto* ours = new QTranslator(&application);
    if (ours->load(locale, QStringLiteral("deepradscore"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(ours);
        loaded << ours->filePath();
    } else {
        delete ours;
    }
    auto* qt = new QTranslator(&application);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        loaded << qt->filePath();
    } else {
        delete qt;
    }
    return loaded;
}

}  // namespace drs::ui

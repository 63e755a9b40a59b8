#include "ui/CommandLine.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include "core/util/Error.h"

namespace drs::ui {
namespace {

[[noreturn]] void fail(const QString& message) { throw Error(message.toStdString()); }

}  // namespace

QString guiHelpText() {
    return QCoreApplication::translate(
        "CommandLine",
        "usage: deepradscore [--project P.sqlite] [--series UID] [--mask MASK [--label N | --roi NAME]] "
        "[--screenshot PNG] [STUDY]\n"
        "  STUDY        DICOM folder (read with its subfolders), NIfTI or NRRD file\n"
        "  --series UID the image series to open of a DICOM folder holding several (default: the one\n"
        "               an RTSTRUCT or SEG MASK references, else a dialog asks)\n"
        "  --mask MASK  label map on the study's grid (NIfTI or NRRD), DICOM RTSTRUCT or SEG, or a\n"
        "               3D Slicer segmentation\n"
        "  --label N    label of the tumour in MASK (default: the first present)\n"
        "  --roi NAME   ROI of an RTSTRUCT MASK (needed when it has several)\n"
        "  --project P.sqlite  open a project database in the Study tab\n"
        "  --screenshot PNG  save a picture of the window once loaded, then quit\n");
}

GuiOptions parseGuiArguments(const QStringList& arguments) {
    // Help and version are answered by main() before any of this.
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption mask(QStringLiteral("mask"), QString(), QStringLiteral("MASK"));
    const QCommandLineOption label(QStringLiteral("label"), QString(), QStringLiteral("N"));
    const QCommandLineOption roi(QStringLiteral("roi"), QString(), QStringLiteral("NAME"));
    const QCommandLineOption project(QStringLiteral("project"), QString(), QStringLiteral("P.sqlite"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"), QString(), QStringLiteral("PNG"));
    const QCommandLineOption series(QStringLiteral("series"), QString(), QStringLiteral("UID"));
    parser.addOptions({mask, label, roi, project, screenshot, series});
    if (!parser.parse(arguments))
        fail(QStringLiteral("deepradscore: %1 (--help lists the options)").arg(parser.errorText()));
    for (const QCommandLineOption& option : {mask, label, roi, project, screenshot, series})
        if (parser.values(option).size() > 1)
            fail(QStringLiteral("deepradscore: --%1 given twice").arg(option.names().constFirst()));

    GuiOptions options;
    options.maskPath = parser.value(mask);
    options.roiName = parser.value(roi);
    options.projectPath = parser.value(project);
    options.screenshotPath = parser.value(screenshot);
    options.seriesUid = parser.value(series);
    if (parser.isSet(label)) {
        bool ok = false;
        const int value = parser.value(label).toInt(&ok);
        if (!ok || value < 1 || value > 65535)
            fail(QStringLiteral("deepradscore: --label must be a whole number in 1..65535, got '%1'")
                     .arg(parser.value(label)));
        options.label = value;
    }
    const QStringList studies = parser.positionalArguments();
    if (studies.size() > 1)
        fail(QStringLiteral("deepradscore: one study at a time, got '%1' and '%2'").arg(studies[0], studies[1]));
    if (!studies.isEmpty()) options.studyPath = studies.front();
    if (!options.maskPath.isEmpty() && options.studyPath.isEmpty())
        fail(QStringLiteral("deepradscore: --mask needs a STUDY to go with it"));
    if (!options.seriesUid.isEmpty() && options.studyPath.isEmpty())
        fail(QStringLiteral("deepradscore: --series needs a STUDY (a DICOM folder) to go with it"));
    if (options.label && options.maskPath.isEmpty()) fail(QStringLiteral("deepradscore: --label needs --mask"));
    if (!options.roiName.isEmpty() && options.maskPath.isEmpty())
        fail(QStringLiteral("deepradscore: --roi needs --mask"));
    return options;
}

}  // namespace drs::ui

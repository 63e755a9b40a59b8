#include "ui/CommandLine.h"

#include <QCoreApplication>

#include "core/util/Error.h"

namespace drs::ui {
namespace {

[[noreturn]] void fail(const QString& message) { throw Error(message.toStdString()); }

}  // namespace

QString guiHelpText() {
    return QCoreApplication::translate(
        "CommandLine",
        "usage: deepradscore [--project P.sqlite] [--mask MASK [--label N | --roi NAME]] [--screenshot PNG] [STUDY]\n"
        "  STUDY        DICOM series folder, NIfTI or NRRD file\n"
        "  --mask MASK  label map on the study's grid (NIfTI or NRRD) or DICOM RTSTRUCT\n"
        "  --label N    label of the tumour in MASK (default: the first present)\n"
        "  --roi NAME   ROI of an RTSTRUCT MASK (needed when it has several)\n"
        "  --project P.sqlite  open a project database in the Study tab\n"
        "  --screenshot PNG  save a picture of the window once loaded, then quit\n");
}

GuiOptions parseGuiArguments(const QStringList& arguments) {
    GuiOptions options;
    const auto valueAfter = [&](qsizetype& i) {
        if (i + 1 >= arguments.size()) fail(QStringLiteral("deepradscore: option %1 needs a value").arg(arguments[i]));
        return arguments[++i];
    };
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& argument = arguments[i];
        if (argument == QLatin1String("--mask")) {
            options.maskPath = valueAfter(i);
        } else if (argument == QLatin1String("--label")) {
            const QString text = valueAfter(i);
            bool ok = false;
            const int label = text.toInt(&ok);
            if (!ok || label < 1 || label > 65535)
                fail(QStringLiteral("deepradscore: --label must be a whole number in 1..65535, got '%1'").arg(text));
            options.label = label;
        } else if (argument == QLatin1String("--roi")) {
            options.roiName = valueAfter(i);
        } else if (argument == QLatin1String("--project")) {
            options.projectPath = valueAfter(i);
        } else if (argument == QLatin1String("--screenshot")) {
            options.screenshotPath = valueAfter(i);
        } else if (argument.startsWith(QLatin1String("--"))) {
            fail(QStringLiteral("deepradscore: unknown option %1 (--help lists them)").arg(argument));
        } else if (options.studyPath.isEmpty()) {
            options.studyPath = argument;
        } else {
            fail(QStringLiteral("deepradscore: one study at a time, got '%1' and '%2'")
                     .arg(options.studyPath, argument));
        }
    }
    if (!options.maskPath.isEmpty() && options.studyPath.isEmpty())
        fail(QStringLiteral("deepradscore: --mask needs a STUDY to go with it"));
    if (options.label && options.maskPath.isEmpty()) fail(QStringLiteral("deepradscore: --label needs --mask"));
    if (!options.roiName.isEmpty() && options.maskPath.isEmpty())
        fail(QStringLiteral("deepradscore: --roi needs --mask"));
    return options;
}

}  // namespace drs::ui

#pragma once
#include <optional>

#include <QString>
#include <QStringList>

namespace drs::ui {

// deepradscore [--project P.sqlite] [--series UID] [--mask MASK [--label N | --roi NAME]] [--screenshot PNG] [STUDY]
struct GuiOptions {
    QString studyPath;
    QString seriesUid;  // of a DICOM folder holding several image series
    QString maskPath;
    std::optional<int> label;
    QString roiName;         // ROI of an RTSTRUCT mask
    QString projectPath;     // project database shown in the Study tab
    QString screenshotPath;  // save the window once everything is loaded, then quit
};

// Throws drs::Error (one line naming the bad argument) on bad usage; --help/--version are
// handled by the caller through helpText().
GuiOptions parseGuiArguments(const QStringList& arguments);
QString guiHelpText();

}  // namespace drs::ui

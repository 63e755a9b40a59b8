#pragma once
#include <QDialog>
#include <QString>

#include "ui/RunSettings.h"

class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSettings;
class QSpinBox;

namespace drs::ui {

// The user's standing choices, kept with QSettings: the defaults of new runs (device, threads,
// radiomics bin width, ring thickness), the folder file dialogs start in, and the language.
struct Preferences {
    QString device = QStringLiteral("auto");  // auto, cpu, cuda
    int threads = 0;                          // pipeline workers; 0: one per core
    int deepThreads = 1;                      // LibTorch CPU threads; 0: all cores
    double binWidthHu = 25;
    double ringMm = 3;
    QString dataFolder;  // empty: the home folder
    QString language;    // empty: the system's; else a locale name ("en", "zh_CN")

    static Preferences load(const QSettings& settings);
    void save(QSettings& settings) const;
    // The user's own (QSettings "DeepRadScore" / "DeepRadScore Studio", as the recent projects).
    static Preferences loadSaved();
    void saveSaved() const;
    // settings with these defaults applied (the run's other choices unchanged).
    RunSettings applyTo(RunSettings settings) const;
    // Where open/save dialogs start.
    QString startFolder() const;
};

// Edit > Preferences: the Preferences above, with a note that the language applies at the next start.
class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    explicit PreferencesDialog(const Preferences& preferences, QWidget* parent = nullptr);
    Preferences preferences() const;

    QComboBox* deviceChooser() const { return device_; }
    QSpinBox* threadsBox() const { return threads_; }
    QSpinBox* deepThreadsBox() const { return deepThreads_; }
    QDoubleSpinBox* binWidthBox() const { return binWidth_; }
    QDoubleSpinBox* ringBox() const { return ring_; }
    QLineEdit* dataFolderEdit() const { return dataFolder_; }
    QComboBox* languageChooser() const { return language_; }

private:
    QComboBox* device_ = nullptr;
    QSpinBox* threads_ = nullptr;
    QSpinBox* deepThreads_ = nullptr;
    QDoubleSpinBox* binWidth_ = nullptr;
    QDoubleSpinBox* ring_ = nullptr;
    QLineEdit* dataFolder_ = nullptr;
    QComboBox* language_ = nullptr;
};

}  // namespace drs::ui

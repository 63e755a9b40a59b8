#include "ui/Preferences.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QThread>
#include <algorithm>

namespace drs::ui {

Preferences Preferences::load(const QSettings& settings) {
    Preferences p;
    p.device = settings.value(QStringLiteral("run/device"), p.device).toString();
    if (p.device != QLatin1String("cpu") && p.device != QLatin1String("cuda")) p.device = QStringLiteral("auto");
    p.threads = std::max(0, settings.value(QStringLiteral("run/threads"), p.threads).toInt());
    p.deepThreads = std::max(0, settings.value(QStringLiteral("run/deepThreads"), p.deepThreads).toInt());
    const double binWidth = settings.value(QStringLiteral("extraction/binWidthHu"), p.binWidthHu).toDouble();
    if (binWidth > 0) p.binWidthHu = binWidth;
    const double ring = settings.value(QStringLiteral("extraction/ringMm"), p.ringMm).toDouble();
    if (ring > 0) p.ringMm = ring;
    p.dataFolder = settings.value(QStringLiteral("files/dataFolder")).toString();
    p.language = settings.value(QStringLiteral("ui/language")).toString();
    return p;
}

void Preferences::save(QSettings& settings) const {
    settings.setValue(QStringLiteral("run/device"), device);
    settings.setValue(QStringLiteral("run/threads"), threads);
    settings.setValue(QStringLiteral("run/deepThreads"), deepThreads);
    settings.setValue(QStringLiteral("extraction/binWidthHu"), binWidthHu);
    settings.setValue(QStringLiteral("extraction/ringMm"), ringMm);
    settings.setValue(QStringLiteral("files/dataFolder"), dataFolder);
    settings.setValue(QStringLiteral("ui/language"), language);
}

RunSettings Preferences::applyTo(RunSettings settings) const {
    settings.device = device.toStdString();
    settings.threads = threads > 0 ? threads : std::max(1, QThread::idealThreadCount());
    settings.deepThreads = deepThreads;
    settings.binWidth = binWidthHu;
    settings.ringMm = ringMm;
    return settings;
}

Preferences Preferences::loadSaved() {
    const QSettings settings(QStringLiteral("DeepRadScore"), QStringLiteral("DeepRadScore Studio"));
    return load(settings);
}

void Preferences::saveSaved() const {
    QSettings settings(QStringLiteral("DeepRadScore"), QStringLiteral("DeepRadScore Studio"));
    save(settings);
}

QString Preferences::startFolder() const {
    return !dataFolder.isEmpty() && QDir(dataFolder).exists() ? dataFolder : QDir::homePath();
}

PreferencesDialog::PreferencesDialog(const Preferences& preferences, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Preferences"));
    auto* form = new QFormLayout(this);

    device_ = new QComboBox(this);
    device_->addItem(tr("Automatic"), QStringLiteral("auto"));
    device_->addItem(tr("CPU"), QStringLiteral("cpu"));
    device_->addItem(tr("CUDA GPU"), QStringLiteral("cuda"));
    device_->setCurrentIndex(std::max(0, device_->findData(preferences.device)));
    form->addRow(tr("Deep-CT &device:"), device_);
    threads_ = new QSpinBox(this);
    threads_->setRange(0, 256);
    threads_->setSpecialValueText(tr("one per core"));
    threads_->setValue(preferences.threads);
    form->addRow(tr("Pipeline &threads:"), threads_);
    deepThreads_ = new QSpinBox(this);
    deepThreads_->setRange(0, 256);
    deepThreads_->setSpecialValueText(tr("all cores"));
    deepThreads_->setValue(preferences.deepThreads);
    form->addRow(tr("Deep-CT t&hreads:"), deepThreads_);
    binWidth_ = new QDoubleSpinBox(this);
    binWidth_->setRange(0.5, 500);
    binWidth_->setDecimals(1);
    binWidth_->setSuffix(tr(" HU"));
    binWidth_->setValue(preferences.binWidthHu);
    binWidth_->setToolTip(tr("Radiomics grey-level bin width (pyradiomics binWidth); 25 HU is pyradiomics' default."));
    form->addRow(tr("Radiomics &bin width:"), binWidth_);
    ring_ = new QDoubleSpinBox(this);
    ring_->setRange(0.5, 50);
    ring_->setDecimals(1);
    ring_->setSuffix(tr(" mm"));
    ring_->setValue(preferences.ringMm);
    ring_->setToolTip(tr("Thickness of the peritumoral ring; the paper uses 3 mm."));
    form->addRow(tr("Peritumoral &ring:"), ring_);

    auto* folderRow = new QWidget(this);
    auto* folderLayout = new QHBoxLayout(folderRow);
    folderLayout->setContentsMargins(0, 0, 0, 0);
    dataFolder_ = new QLineEdit(preferences.dataFolder, folderRow);
    dataFolder_->setPlaceholderText(QDir::toNativeSeparators(QDir::homePath()));
    folderLayout->addWidget(dataFolder_, 1);
    auto* browse = new QPushButton(tr("Choose..."), folderRow);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Data folder"), dataFolder_->text());
        if (!folder.isEmpty()) dataFolder_->setText(folder);
    });
    folderLayout->addWidget(browse);
    form->addRow(tr("Data &folder:"), folderRow);

    language_ = new QComboBox(this);
    language_->addItem(tr("System language"), QString());
    language_->addItem(QStringLiteral("English"), QStringLiteral("en"));
    language_->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    language_->setCurrentIndex(std::max(0, language_->findData(preferences.language)));
    form->addRow(tr("&Language:"), language_);
    auto* note = new QLabel(tr("The language applies at the next start. The other settings are the defaults of new "
                               "runs; the run settings of the Study tab can still change them per run."),
                            this);
    note->setWordWrap(true);
    form->addRow(note);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

Preferences PreferencesDialog::preferences() const {
    Preferences p;
    p.device = device_->currentData().toString();
    p.threads = threads_->value();
    p.deepThreads = deepThreads_->value();
    p.binWidthHu = binWidth_->value();
    p.ringMm = ring_->value();
    p.dataFolder = dataFolder_->text().trimmed();
    p.language = language_->currentData().toString();
    return p;
}

}  // namespace drs::ui

#include "ui/RadiomicsDialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "core/util/Csv.h"
#include "core/util/Error.h"
#include "ui/TableTools.h"

namespace drs::ui {

RadiomicsDialog::RadiomicsDialog(std::vector<radiomics::Feature> features, QString caseId, const QString& description,
                                 QWidget* parent)
    : QDialog(parent), features_(std::move(features)), caseId_(std::move(caseId)) {
    setWindowTitle(tr("Radiomics features: %1").arg(caseId_));
    auto* layout = new QVBoxLayout(this);
    auto* about = new QLabel(description, this);
    about->setWordWrap(true);
    layout->addWidget(about);
    filter_ = new QLineEdit(this);
    filter_->setPlaceholderText(tr("Filter: glcm, wavelet-LLH, Entropy..."));
    filter_->setClearButtonEnabled(true);
    layout->addWidget(filter_);
    table_ = new QTableWidget(static_cast<int>(features_.size()), 2, this);
    table_->setHorizontalHeaderLabels({tr("Feature"), tr("Value")});
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    equipTable(*table_);
    for (int row = 0; row < table_->rowCount(); ++row) {
        const radiomics::Feature& feature = features_[static_cast<std::size_t>(row)];
        table_->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(feature.name)));
        auto* value = new QTableWidgetItem(QString::fromStdString(formatDouble(feature.value)));
        value->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table_->setItem(row, 1, value);
    }
    table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table_->resizeColumnToContents(1);
    layout->addWidget(table_, 1);
    shown_ = new QLabel(this);
    layout->addWidget(shown_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* save = buttons->addButton(tr("Save as CSV..."), QDialogButtonBox::ActionRole);
    connect(save, &QPushButton::clicked, this, &RadiomicsDialog::chooseCsv);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(filter_, &QLineEdit::textChanged, this, &RadiomicsDialog::applyFilter);
    applyFilter({});
    resize(640, 560);
}

void RadiomicsDialog::applyFilter(const QString& text) {
    int visible = 0;
    for (int row = 0; row < table_->rowCount(); ++row) {
        const bool keep = table_->item(row, 0)->text().contains(text.trimmed(), Qt::CaseInsensitive);
        table_->setRowHidden(row, !keep);
        visible += keep;
    }
    shown_->setText(tr("%1 of %2 features").arg(visible).arg(table_->rowCount()));
}

void RadiomicsDialog::saveCsv(const QString& path) const {
    CsvTable table;
    table.header.push_back("id");
    std::vector<std::string> row{caseId_.toStdString()};
    for (const radiomics::Feature& feature : features_) {
        table.header.push_back(feature.name);
        row.push_back(formatDouble(feature.value));
    }
    table.rows.push_back(std::move(row));
    writeCsv(path.toStdString(), table);
}

void RadiomicsDialog::chooseCsv() {
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save radiomics features"), caseId_ + ".csv", tr("CSV (*.csv)"));
    if (path.isEmpty()) return;
    try {
        saveCsv(path);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Save radiomics features"), QString::fromUtf8(e.what()));
    }
}

}  // namespace drs::ui

#pragma once
#include <vector>

#include <QDialog>
#include <QString>

#include "core/radiomics/Extractor.h"

class QLabel;
class QLineEdit;
class QTableWidget;

namespace drs::ui {

// The radiomics features of the label on screen, as SlicerRadiomics shows them: pyradiomics'
// names and values in a table that a filter narrows ("glcm", "wavelet-LLH"), and Save as CSV
// writing one row (id, then the features) as drs extract writes it.
class RadiomicsDialog : public QDialog {
    Q_OBJECT
public:
    // description: what was computed (study, label, settings), shown above the table.
    RadiomicsDialog(std::vector<radiomics::Feature> features, QString caseId, const QString& description,
                    QWidget* parent = nullptr);

    QTableWidget* table() const { return table_; }
    QLineEdit* filterEdit() const { return filter_; }
    // Throws drs::Error naming the file when it cannot be written.
    void saveCsv(const QString& path) const;

private:
    void chooseCsv();
    void applyFilter(const QString& text);

    std::vector<radiomics::Feature> features_;
    QString caseId_;
    QTableWidget* table_ = nullptr;
    QLineEdit* filter_ = nullptr;
    QLabel* shown_ = nullptr;
};

}  // namespace drs::ui

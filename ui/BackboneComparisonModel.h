#pragma once
#include <QAbstractTableModel>

#include "core/pipeline/BackboneComparison.h"

namespace drs::ui {

// A `drs deep-compare` table as rows of (backbone, subset), best-ranked backbone first: rank,
// backbone, subset, patients (positives), then AUC, accuracy, sensitivity, specificity, PPV and NPV
// each "value [95% CI]", pretrained, epochs run. Qt::UserRole holds a metric's value (NaN: n/a).
class BackboneComparisonModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Rank,
        Backbone,
        Subset,
        Patients,
        Auc,
        Accuracy,
        Sensitivity,
        Specificity,
        Ppv,
        Npv,
        Pretrained,
        Epochs,
        ColumnCount
    };

    explicit BackboneComparisonModel(QObject* parent = nullptr);
    void setComparison(const BackboneComparison& comparison);
    const BackboneComparison& comparison() const { return comparison_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        const BackboneResult* backbone;
        const BackboneSubset* subset;
    };
    BackboneComparison comparison_;
    std::vector<Row> rows_;
};

}  // namespace drs::ui

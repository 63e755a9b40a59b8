#include "ui/BackboneComparisonModel.h"

#include <QFont>

#include "ui/report/NumberFormat.h"

namespace drs::ui {

BackboneComparisonModel::BackboneComparisonModel(QObject* parent) : QAbstractTableModel(parent) {}

void BackboneComparisonModel::setComparison(const BackboneComparison& comparison) {
    beginResetModel();
    comparison_ = comparison;
    rows_.clear();
    for (const auto& backbone : comparison_.backbones)
        for (const auto& subset : backbone.subsets) rows_.push_back({&backbone, &subset});
    endResetModel();
}

int BackboneComparisonModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(rows_.size());
}

int BackboneComparisonModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant BackboneComparisonModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const BackboneResult& backbone = *rows_[std::size_t(index.row())].backbone;
    const BackboneSubset& subset = *rows_[std::size_t(index.row())].subset;
    const MetricWithCi* metric = nullptr;
    switch (index.column()) {
    case Auc: metric = &subset.auc; break;
    case Accuracy: metric = &subset.accuracy; break;
    case Sensitivity: metric = &subset.sensitivity; break;
    case Specificity: metric = &subset.specificity; break;
    case Ppv: metric = &subset.ppv; break;
    case Npv: metric = &subset.npv; break;
    default: break;
    }
    if (role == Qt::UserRole && metric) return metric->value;
    if (role == Qt::FontRole && backbone.rank == 1) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::ToolTipRole && index.column() == Rank && backbone.rank == 1)
        return tr("chosen: best validation AUC (the test rows never rank)");
    if (role != Qt::DisplayRole) return {};
    if (metric) return report::aucWithCi(metric->value, metric->ciLow, metric->ciHigh);
    switch (index.column()) {
    case Rank: return backbone.rank;
    case Backbone: return QString::fromStdString(backbone.backbone);
    case Subset:
        return subset.subset == "training"     ? tr("training")
               : subset.subset == "validation" ? tr("validation")
                                               : tr("test");
    case Patients: return QStringLiteral("%1 (%2)").arg(subset.patients).arg(subset.positives);
    case Pretrained: return backbone.pretrained ? tr("yes") : tr("no");
    case Epochs: return backbone.epochsRun;
    default: return {};
    }
}

QVariant BackboneComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Rank: return tr("Rank");
    case Backbone: return tr("Backbone");
    case Subset: return tr("Subset");
    case Patients: return tr("n (pos.)");
    case Auc: return tr("AUC [95% CI]");
    case Accuracy: return tr("Accuracy");
    case Sensitivity: return tr("Sensitivity");
    case Specificity: return tr("Specificity");
    case Ppv: return tr("PPV");
    case Npv: return tr("NPV");
    case Pretrained: return tr("Pretrained");
    case Epochs: return tr("Epochs");
    default: return {};
    }
}

}  // namespace drs::ui

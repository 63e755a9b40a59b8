#include "ui/ImportReportModel.h"

#include <QBrush>
#include <QColor>

namespace drs::ui {

ImportReportModel::ImportReportModel(QObject* parent) : QAbstractTableModel(parent) {}

void ImportReportModel::setReport(const ImportReport& report, bool preview) {
    beginResetModel();
    report_ = report;
    preview_ = preview;
    endResetModel();
}

int ImportReportModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(report_.outcomes.size());
}

int ImportReportModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ImportReportModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) return {};
    const ImportOutcome& o = report_.outcomes[static_cast<std::size_t>(index.row())];
    if (role == Qt::ForegroundRole && index.column() == Status)
        return QBrush(o.accepted ? QColor(20, 120, 40) : QColor(190, 30, 30));
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
    switch (index.column()) {
    case Status:
        if (!o.accepted) return tr("refused");
        return preview_ ? tr("will be imported") : tr("imported");
    case Source: return QString::fromStdString(o.source);
    case PatientId: return QString::fromStdString(o.patientId);
    case Pseudonym: return QString::fromStdString(o.pseudonym);
    case Roi: return QString::fromStdString(o.roiName);
    case RoiVoxels: return o.accepted ? QVariant::fromValue<qulonglong>(o.roiVoxels) : QVariant(QString());
    case ImageSize:
        if (!o.accepted) return QString();
        return QStringLiteral("%1x%2x%3").arg(o.sizeXyz[0]).arg(o.sizeXyz[1]).arg(o.sizeXyz[2]);
    case Reason: return QString::fromStdString(o.reason);
    case Note: return QString::fromStdString(o.note);
    default: return {};
    }
}

QVariant ImportReportModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Status: return tr("Status");
    case Source: return tr("Source");
    case PatientId: return tr("Patient id (source)");
    case Pseudonym: return tr("Pseudonym");
    case Roi: return tr("ROI");
    case RoiVoxels: return tr("ROI voxels");
    case ImageSize: return tr("Image size");
    case Reason: return tr("Reason refused");
    case Note: return tr("Note");
    default: return {};
    }
}

}  // namespace drs::ui

#include "ui/CohortModel.h"

namespace drs::ui {

CohortModel::CohortModel(QObject* parent) : QAbstractTableModel(parent) {}

void CohortModel::setListing(project::CohortListing listing, std::set<std::int64_t> runsOnSupersededLabels) {
    beginResetModel();
    listing_ = std::move(listing);
    superseded_ = std::move(runsOnSupersededLabels);
    endResetModel();
}

void CohortModel::setRunsOnSupersededLabels(std::set<std::int64_t> runIds) {
    if (runIds == superseded_) return;
    superseded_ = std::move(runIds);
    const int firstRun = FirstEndpoint + endpointCount();
    if (columnCount() > firstRun) emit headerDataChanged(Qt::Horizontal, firstRun, columnCount() - 1);
}

int CohortModel::endpointColumn(const std::string& endpoint) const {
    for (int e = 0; e < endpointCount(); ++e)
        if (listing_.endpoints[static_cast<std::size_t>(e)] == endpoint) return FirstEndpoint + e;
    return -1;
}

int CohortModel::rowOfPatient(std::int64_t patientId) const {
    for (std::size_t r = 0; r < listing_.rows.size(); ++r)
        if (listing_.rows[r].patientId == patientId) return static_cast<int>(r);
    return -1;
}

std::optional<int> CohortModel::label(int row, int endpointIndex) const {
    return listing_.rows.at(static_cast<std::size_t>(row)).labels.at(static_cast<std::size_t>(endpointIndex));
}

void CohortModel::showLabel(std::int64_t patientId, const std::string& endpoint, std::optional<int> value) {
    const int row = rowOfPatient(patientId);
    const int column = endpointColumn(endpoint);
    if (row < 0 || column < 0) return;
    listing_.rows[static_cast<std::size_t>(row)].labels[static_cast<std::size_t>(column - FirstEndpoint)] = value;
    emit dataChanged(index(row, column), index(row, column));
}

int CohortModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(listing_.rows.size());
}

int CohortModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : FirstEndpoint + endpointCount() + static_cast<int>(listing_.runIds.size());
}

QString CohortModel::studyText(const project::CohortListingRow& row) const {
    if (row.studyCount == 0) return tr("none");
    QString text = tr("%1 %2x%3x%4, %5x%6x%7 mm")
                       .arg(QString::fromStdString(row.modality))
                       .arg(row.sizeXyz[0])
                       .arg(row.sizeXyz[1])
                       .arg(row.sizeXyz[2])
                       .arg(row.spacingMm[0], 0, 'g', 3)
                       .arg(row.spacingMm[1], 0, 'g', 3)
                       .arg(row.spacingMm[2], 0, 'g', 3);
    if (row.studyCount > 1) text += tr(" (+%1 more)").arg(row.studyCount - 1);
    return text;
}

QString CohortModel::roiText(const project::CohortListingRow& row) const {
    if (row.roiVersion == 0) return tr("none");
    const QString name = QString::fromStdString(row.roiName);
    if (row.roiVersion == 1) return tr("%1 (%2)").arg(name, QString::fromStdString(row.roiSourceKind));
    return tr("%1 edited (version %2)").arg(name).arg(row.roiVersion);
}

QVariant CohortModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) return {};
    const auto& row = listing_.rows[static_cast<std::size_t>(index.row())];
    const int column = index.column();
    if (role == Qt::TextAlignmentRole && column == TumourVolume)
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    const bool display = role == Qt::DisplayRole || role == Qt::EditRole || role == Qt::ToolTipRole;
    if (!display && role != SortRole) return {};
    switch (column) {
    case Pseudonym: return QString::fromStdString(row.pseudonym);
    case Centre: return QString::fromStdString(row.centre);
    case Cohort:
        return row.externalCohort.empty() ? tr("development")
                                          : tr("external: %1").arg(QString::fromStdString(row.externalCohort));
    case Study:
        if (role == SortRole) return QVariant::fromValue<qlonglong>(row.sizeXyz[0] * row.sizeXyz[1] * row.sizeXyz[2]);
        return studyText(row);
    case Roi:
        if (role == SortRole) return row.roiVersion;
        return roiText(row);
    case TumourVolume: {
        if (row.roiVersion == 0) return role == SortRole ? QVariant(-1.0) : QVariant(QString());
        const double voxelMm3 = row.spacingMm[0] * row.spacingMm[1] * row.spacingMm[2];
        const double millilitres = static_cast<double>(row.roiVoxelCount) * voxelMm3 / 1000.0;
        if (role == SortRole) return millilitres;
        if (role == Qt::ToolTipRole)
            return tr("%1 voxels of %2 mm%3").arg(row.roiVoxelCount).arg(voxelMm3, 0, 'g', 4).arg(QChar(0x00B3));
        return QString::number(millilitres, 'f', 2);
    }
    default: break;
    }
    const int endpoint = column - FirstEndpoint;
    if (endpoint < endpointCount()) {
        const auto value = row.labels[static_cast<std::size_t>(endpoint)];
        if (role == SortRole) return value ? *value : -1;
        if (role == Qt::ToolTipRole && !value) return tr("no label (unknown)");
        return value ? QString::number(*value) : QString();
    }
    return QString::fromStdString(row.splits[static_cast<std::size_t>(endpoint - endpointCount())]);
}

QVariant CohortModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount()) return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
    switch (section) {
    case Pseudonym: return tr("Pseudonym");
    case Centre: return tr("Centre");
    case Cohort: return tr("Cohort");
    case Study: return tr("Study");
    case Roi: return tr("ROI");
    case TumourVolume:
        if (role == Qt::ToolTipRole)
            return tr("The tumour's volume as the ROI outlines it: its voxels times a voxel's volume");
        return tr("Tumour (mL)");
    default: break;
    }
    const int endpoint = section - FirstEndpoint;
    if (endpoint < endpointCount()) {
        if (role == Qt::ToolTipRole) return tr("Label: 1, 0, or empty when unknown");
        return QString::fromStdString(listing_.endpoints[static_cast<std::size_t>(endpoint)]);
    }
    const std::int64_t runId = listing_.runIds[static_cast<std::size_t>(endpoint - endpointCount())];
    if (superseded_.count(runId)) {
        if (role == Qt::ToolTipRole)
            return tr("Run %1 used labels that have been changed since: its results are based on superseded labels")
                .arg(runId);
        return tr("Run %1 (superseded labels)").arg(runId);
    }
    if (role == Qt::ToolTipRole) return tr("The patient's subset in run %1").arg(runId);
    return tr("Run %1").arg(runId);
}

Qt::ItemFlags CohortModel::flags(const QModelIndex& index) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    const int endpoint = index.column() - FirstEndpoint;
    if (labelWriter_ && endpoint >= 0 && endpoint < endpointCount()) flags |= Qt::ItemIsEditable;
    return flags;
}

bool CohortModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable)) return false;
    const QString text = value.toString().trimmed();
    std::optional<int> label;
    if (text == QLatin1String("0") || text == QLatin1String("1"))
        label = text.toInt();
    else if (!text.isEmpty())
        return false;
    const int endpoint = index.column() - FirstEndpoint;
    if (this->label(index.row(), endpoint) == label) return false;
    const auto& row = listing_.rows[static_cast<std::size_t>(index.row())];
    return labelWriter_(row.patientId, listing_.endpoints[static_cast<std::size_t>(endpoint)], label);
}

}  // namespace drs::ui

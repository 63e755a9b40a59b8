#pragma once
#include <QAbstractTableModel>

#include "core/pipeline/Import.h"

namespace drs::ui {

// An import preview or report as a table: status, source folder or CSV line, patient id as in the
// source, pseudonym, ROI, its voxel count, image size, and the reason for a refusal. It names
// patients by their source identifiers, for the person importing; nothing of it is stored.
class ImportReportModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Status = 0, Source, PatientId, Pseudonym, Roi, RoiVoxels, ImageSize, Reason, Note, ColumnCount };

    explicit ImportReportModel(QObject* parent = nullptr);
    // preview: the statuses read "will be imported" instead of "imported".
    void setReport(const ImportReport& report, bool preview);
    const ImportReport& report() const { return report_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    ImportReport report_;
    bool preview_ = true;
};

}  // namespace drs::ui

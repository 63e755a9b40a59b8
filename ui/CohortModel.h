#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>

#include <QAbstractTableModel>

#include "core/project/Overview.h"

namespace drs::ui {

// The cohort table: one row per patient with pseudonym, centre, cohort (development or a locked
// external cohort), first study, ROI status, the tumour's volume as the ROI outlines it, a label
// per endpoint and the patient's subset in each run that drew a split. Sort and filter it through a
// QSortFilterProxyModel (SortRole gives numbers where the text would sort badly). Label cells are
// editable ("1", "0", or empty for unknown) when a LabelWriter is set: the writer stores the change
// (and returns false when it does not), the model only shows it.
class CohortModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Pseudonym = 0, Centre, Cohort, Study, Roi, TumourVolume, FirstEndpoint };
    static constexpr int SortRole = Qt::UserRole + 1;
    using LabelWriter = std::function<bool(std::int64_t patientId, const std::string& endpoint, std::optional<int>)>;

    explicit CohortModel(QObject* parent = nullptr);

    // runsOnSupersededLabels: runs marked in their column header.
    void setListing(project::CohortListing listing, std::set<std::int64_t> runsOnSupersededLabels = {});
    void setLabelWriter(LabelWriter writer) { labelWriter_ = std::move(writer); }
    // Shows a label as stored (after a write, an undo or a redo).
    void setRunsOnSupersededLabels(std::set<std::int64_t> runIds);
    bool isRunOnSupersededLabels(std::int64_t runId) const { return superseded_.count(runId) > 0; }
    void showLabel(std::int64_t patientId, const std::string& endpoint, std::optional<int> value);

    const project::CohortListing& listing() const { return listing_; }
    int endpointColumn(const std::string& endpoint) const;  // -1 when absent
    int rowOfPatient(std::int64_t patientId) const;         // -1 when absent
    std::optional<int> label(int row, int endpointIndex) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

private:
    int endpointCount() const { return static_cast<int>(listing_.endpoints.size()); }
    QString studyText(const project::CohortListingRow& row) const;
    QString roiText(const project::CohortListingRow& row) const;

    project::CohortListing listing_;
    std::set<std::int64_t> superseded_;
    LabelWriter labelWriter_;
};

}  // namespace drs::ui

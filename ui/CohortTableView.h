#pragma once
#include <QWidget>

#include "core/pipeline/Evidence.h"

class QLabel;
class QTableWidget;

namespace drs::ui {

// Table 1 of a run on screen: patient characteristics per cohort (training, internal test,
// external cohorts) with the tests comparing them, and per centre when there are several. The
// cells are the report's (report::cohortCharacteristicsTable), so screen and PDF agree.
class CohortTableView : public QWidget {
    Q_OBJECT
public:
    explicit CohortTableView(QWidget* parent = nullptr);

    void showEvidence(const StudyEvidence& evidence);
    void clear();

    QTableWidget* cohortTable() const { return cohortTable_; }
    QTableWidget* centreTable() const { return centreTable_; }
    QLabel* legendLabel() const { return legend_; }

private:
    QLabel* message_ = nullptr;
    QTableWidget* cohortTable_ = nullptr;
    QLabel* legend_ = nullptr;
    QLabel* centreHeading_ = nullptr;
    QTableWidget* centreTable_ = nullptr;
};

}  // namespace drs::ui

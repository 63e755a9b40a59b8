// Table 1 of a run read from a real project database: training and internal test (the run's
// split) and one column per locked external cohort, each compared with training. The patients
// are those of tests/data/stats/cohort.csv; the p-values, means and SDs are R's
// (make_cohort_table_r.R -> cohort_table_r.csv: wilcox.test, chisq.test, fisher.test).
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <cstdio>
#include <set>

#include "core/pipeline/CohortEvidence.h"
#include "core/project/Cohort.h"
#include "core/project/ProjectDb.h"
#include "core/project/Runs.h"
#include "tests/core/stats/ReferenceValues.h"

using namespace drs;

namespace {

// cohort.csv rows (0-based, half open) of each cohort of make_cohort_table_r.R.
struct Rows {
    int begin, end;
};
constexpr Rows kTraining{0, 220}, kTest{220, 310}, kExternal{310, 355}, kOther{310, 340}, kSmall{340, 355};

std::string oneDecimal(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", value);
    return text;
}

// A project of cohort.csv's patients: development rows 0-309 with a run whose split puts rows
// 220-309 in the internal test set, and the given external cohorts (rows each). Clinical values
// sex, stage and deep_1 as the CSV writes them; the endpoint "rare" from label_rare.
std::int64_t buildProject(project::ProjectDb& db, const std::vector<std::pair<std::string, Rows>>& externals) {
    const CsvTable csv = readCsv(drs::testing::statsData("cohort.csv"));
    project::CohortRepository cohort(db);
    auto add = [&](int row, std::int64_t cohortId) {
        const auto& cells = csv.rows[static_cast<std::size_t>(row)];
        const std::int64_t id =
            cohort.addPatient("P-" + cells[csv.column("id")], cells[csv.column("centre")], cohortId);
        for (const char* name : {"sex", "stage", "deep_1"}) cohort.setClinicalValue(id, name, cells[csv.column(name)]);
        cohort.setLabel(id, "rare", std::stoi(cells[csv.column("label_rare")]));
        return id;
    };
    QJsonArray testPatients;
    for (int row = kTraining.begin; row < kTest.end; ++row) {
        const std::int64_t id = add(row, project::kDevelopmentCohort);
        if (row >= kTest.begin) testPatients.append(qint64(id));
    }
    for (const auto& [name, rows] : externals) {
        const std::int64_t cohortId = cohort.addExternalCohort(name);
        for (int row = rows.begin; row < rows.end; ++row) add(row, cohortId);
    }
    project::RunRepository runs(db);
    const std::int64_t runId = runs.start("pipeline", "{}", 1, "{}");
    runs.markStepDone(runId, "split",
                      QJsonDocument(QJsonObject{{"test_patients", testPatients}}).toJson().toStdString());
    return runId;
}

const CohortRow& firstRowOf(const CohortCharacteristics& table, const std::string& variable) {
    for (const auto& row : table.rows)
        if (row.variable == variable) return row;
    throw std::runtime_error("no row " + variable);
}

int comparisonOf(const CohortCharacteristics& table, const std::string& label) {
    for (std::size_t k = 0; k < table.comparisons.size(); ++k)
        if (table.comparisons[k].label == label) return static_cast<int>(k);
    throw std::runtime_error("no comparison " + label);
}

}  // namespace

class TestCohortEvidence : public QObject {
    Q_OBJECT
    drs::testing::ReferenceValues r_{"cohort_table_r.csv"};

    // Every tested variable's p and test against R for training vs `cohort` (R's name `rName`).
    void checkAgainstR(const CohortCharacteristics& table, const std::string& label, const std::string& rName) {
        const int k = comparisonOf(table, label);
        const std::string key = ".training_vs_" + rName;
        const CohortRow& deep = firstRowOf(table, "deep_1");
        QCOMPARE(deep.tests[k], std::string("Mann-Whitney U test"));
        QVERIFY2(std::abs(deep.p[k] - r_.number("deep_1" + key + ".p")) < 1e-12, (label + " deep_1").c_str());
        for (const char* variable : {"sex", "stage", "rare"}) {
            const CohortRow& row = firstRowOf(table, variable);
            const std::string test = r_.text(variable + key + ".test");
            QCOMPARE(row.tests[k], std::string(test == "fisher" ? "Fisher's exact test" : "chi-square test"));
            QVERIFY2(std::abs(row.p[k] - r_.number(variable + key + ".p")) < 1e-9, (label + " " + variable).c_str());
        }
    }

private slots:
    void externalCohortsAreColumnsComparedWithTraining() {
        QTemporaryDir dir;
        project::ProjectDb db(dir.filePath("project.sqlite").toStdString());
        const std::int64_t runId = buildProject(db, {{"Palo Alto", kExternal}});
        StudyEvidence study;
        addPatientCharacteristics(db, runId, study);
        const CohortCharacteristics& table = study.cohortTable;
        QCOMPARE(table.columns.size(), std::size_t(3));
        QCOMPARE(table.columns[0].name, std::string("Training"));
        QCOMPARE(table.columns[1].name, std::string("Internal test"));
        QCOMPARE(table.columns[2].name, std::string("External: Palo Alto"));
        QCOMPARE(table.columns[0].patients, kTraining.end - kTraining.begin);
        QCOMPARE(table.columns[1].patients, kTest.end - kTest.begin);
        QCOMPARE(table.columns[2].patients, kExternal.end - kExternal.begin);
        QCOMPARE(table.comparisons.size(), std::size_t(2));
        QCOMPARE(table.comparisons[1].columnA, 0);
        QCOMPARE(table.comparisons[1].columnB, 2);
        checkAgainstR(table, "Training vs Internal test", "test");
        checkAgainstR(table, "Training vs External: Palo Alto", "external");
        // The summaries R printed, as Table 1 shows them (one decimal).
        const CohortRow& deep = firstRowOf(table, "deep_1");
        for (const auto& [column, rName] : {std::pair{0, "training"}, {1, "test"}, {2, "external"}})
            QCOMPARE(deep.cells[static_cast<std::size_t>(column)],
                     oneDecimal(r_.number(std::string("deep_1.") + rName + ".mean")) + " \u00B1 " +
                         oneDecimal(r_.number(std::string("deep_1.") + rName + ".sd")));
        // The external patients appear in the by-centre table too, with their cohort.
        QVERIFY(!study.cohortByCentre.empty());
        int external = 0;
        for (const auto& row : study.cohortByCentre.rows)
            if (row.variable == "cohort" && row.level == "External: Palo Alto")
                for (const auto& cell : row.cells) external += std::atoi(cell.c_str());
        QCOMPARE(external, kExternal.end - kExternal.begin);
    }

    void anImportedCentreColumnIsOneRow() {
        // drs import keeps a clinical.csv's centre column as a clinical value as well as the
        // patient's centre: Table 1 shows it once, and the by-centre table not at all.
        QTemporaryDir dir;
        project::ProjectDb db(dir.filePath("project.sqlite").toStdString());
        const std::int64_t runId = buildProject(db, {});
        project::CohortRepository cohort(db);
        std::set<std::string> centres;
        for (const auto& p : cohort.patients()) {
            cohort.setClinicalValue(p.id, "centre", p.centre);
            centres.insert(p.centre);
        }
        StudyEvidence study;
        addPatientCharacteristics(db, runId, study);
        std::size_t centreRows = 0;
        for (const auto& row : study.cohortTable.rows) centreRows += row.variable == "centre";
        QVERIFY(centres.size() > 1);
        QCOMPARE(centreRows, centres.size());
        for (const auto& row : study.cohortByCentre.rows) QVERIFY(row.variable != "centre");
    }

    void eachExternalCohortIsComparedOnItsOwn() {
        // Another cohort beside the small one changes nothing in the small one's tests (Fisher's
        // exact test for stage there), nor in training vs internal test; an external cohort
        // without patients gets no column.
        QTemporaryDir dir;
        project::ProjectDb db(dir.filePath("project.sqlite").toStdString());
        const std::int64_t runId = buildProject(db, {{"Other", kOther}, {"Small", kSmall}});
        project::CohortRepository(db).addExternalCohort("Empty");
        StudyEvidence study;
        addPatientCharacteristics(db, runId, study);
        const CohortCharacteristics& table = study.cohortTable;
        std::vector<std::string> names;
        for (const auto& column : table.columns) names.push_back(column.name);
        QCOMPARE(names, (std::vector<std::string>{"Training", "Internal test", "External: Other", "External: Small"}));
        QCOMPARE(table.columns[3].patients, kSmall.end - kSmall.begin);
        QCOMPARE(table.comparisons.size(), std::size_t(3));
        checkAgainstR(table, "Training vs Internal test", "test");
        checkAgainstR(table, "Training vs External: Small", "small");
        QCOMPARE(firstRowOf(table, "stage").tests[2], std::string("Fisher's exact test"));
    }

    void withoutExternalCohortsTheTableIsAsBefore() {
        QTemporaryDir dir;
        project::ProjectDb db(dir.filePath("project.sqlite").toStdString());
        const std::int64_t runId = buildProject(db, {});
        StudyEvidence study;
        addPatientCharacteristics(db, runId, study);
        QCOMPARE(study.cohortTable.columns.size(), std::size_t(2));
        QCOMPARE(study.cohortTable.comparisons.size(), std::size_t(1));
        checkAgainstR(study.cohortTable, "Training vs Internal test", "test");
    }
};

QTEST_GUILESS_MAIN(TestCohortEvidence)
#include "test_cohort_evidence.moc"

// The same study, imported and run with the same settings, gives the same evidence in an SQLite
// file and in a PostgreSQL database (issue 15: a site runs its study on either engine with the same
// commands); and a PostgreSQL server restarted in the middle of a run loses nothing: the run goes
// on, or fails with a clear error and resumes, to the same numbers. Deep-CT is played by the patch
// statistics port of test_study_pipeline, so no LibTorch is needed.
#include <QTemporaryDir>
#include <QtTest>

#include "core/pipeline/EvidenceJson.h"
#include "core/pipeline/Import.h"
#include "core/pipeline/StudyPipeline.h"
#include "core/pipeline/synthetic/SyntheticCohort.h"
#include "core/project/Runs.h"
#include "core/util/Error.h"
#include "tests/common/PostgresServer.h"
#include "tests/core/pipeline/PatchStatisticsDeepCt.h"
#include "tests/core/pipeline/SmallStudyOptions.h"

namespace {

using drs::testing::smallStudyOptions;

// The evidence as text, without what names the project's location (provenance, Grad-CAM image paths).
std::string comparable(drs::StudyEvidence evidence) {
    evidence.provenance.clear();
    for (auto& endpoint : evidence.endpoints) endpoint.gradCamImages.clear();
    return drs::studyEvidenceToJsonText(evidence);
}

// Restarts the server when the given endpoint's analysis starts, once.
class RestartAtEndpoint : public drs::Progress {
public:
    RestartAtEndpoint(drs::test::PostgresServer& server, std::string endpoint)
        : server_(server), endpoint_(std::move(endpoint)) {}
    bool restarted = false;

protected:
    void report(double, const std::string& message) override {
        if (restarted || message.rfind(endpoint_ + ":", 0) != 0) return;
        restarted = true;
        if (!server_.restart()) qFatal("the PostgreSQL server did not restart: %s", server_.error().c_str());
    }

private:
    drs::test::PostgresServer& server_;
    std::string endpoint_;
};

}  // namespace

class TestPipelineBackends : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::unique_ptr<drs::test::PostgresServer> server_;
    std::string studies_, clinical_, sqliteEvidence_;

    void import(const std::string& location) {
        drs::project::ProjectDb db(location);
        drs::SilentProgress quiet;
        const auto report = drs::importCohort(db, studies_, clinical_, {}, quiet);
        QVERIFY2(report.acceptedCount() >= 40, location.c_str());
    }

    std::string postgresProject(const std::string& name) {
        return server_->createDatabase(name) + "?files=" + dir_.filePath(QString::fromStdString(name)).toStdString();
    }

private slots:
    void initTestCase() {
        drs::SilentProgress quiet;
        const auto files = drs::synthetic::writeSyntheticCohort(dir_.filePath("cohort").toStdString(), 44, 13, quiet);
        studies_ = files.studiesFolder;
        clinical_ = files.clinicalCsv;
        server_ = std::make_unique<drs::test::PostgresServer>();
        QVERIFY2(server_->error().empty(), server_->error().c_str());

        const std::string sqlite = dir_.filePath("study.sqlite").toStdString();
        import(sqlite);
        drs::project::ProjectDb db(sqlite);
        drs::testing::PatchStatisticsDeepCt deep;
        drs::SilentProgress quietRun;
        sqliteEvidence_ =
            comparable(drs::runEvidence(db, drs::StudyPipeline(db, deep).run(smallStudyOptions(), quietRun)));
    }

    void postgresGivesTheSqliteEvidence() {
        if (!server_->skipReason().empty()) QSKIP(server_->skipReason().c_str());
        const std::string location = postgresProject("study");
        import(location);
        drs::project::ProjectDb db(location);
        drs::testing::PatchStatisticsDeepCt deep;
        drs::SilentProgress quiet;
        const auto runId = drs::StudyPipeline(db, deep).run(smallStudyOptions(), quiet);
        QCOMPARE(drs::project::RunRepository(db).run(runId)->status, std::string("finished"));
        QCOMPARE(comparable(drs::runEvidence(db, runId)), sqliteEvidence_);
    }

    void serverRestartedDuringARunLosesNothing() {
        if (!server_->skipReason().empty()) QSKIP(server_->skipReason().c_str());
        const std::string location = postgresProject("restarted");
        import(location);
        drs::testing::PatchStatisticsDeepCt deep;
        std::string failure;
        std::int64_t runId = 0;
        {
            drs::project::ProjectDb db(location);
            RestartAtEndpoint restarting(*server_, "EGFR");
            try {
                runId = drs::StudyPipeline(db, deep).run(smallStudyOptions(), restarting);
            } catch (const drs::Error& error) {
                failure = error.what();
            }
            QVERIFY(restarting.restarted);
        }
        drs::project::ProjectDb db(location);
        if (!failure.empty()) {
            // Stopped with a clear error: running again, as the user would, resumes the run.
            qInfo("the run stopped at the restart: %s", failure.c_str());
            QVERIFY2(failure.find("connection") != std::string::npos, failure.c_str());
            drs::SilentProgress quiet;
            runId = drs::StudyPipeline(db, deep).run(smallStudyOptions(), quiet);
        }
        QCOMPARE(runId, std::int64_t{1});
        QCOMPARE(drs::project::RunRepository(db).run(runId)->status, std::string("finished"));
        QCOMPARE(comparable(drs::runEvidence(db, runId)), sqliteEvidence_);
    }

    void cleanupTestCase() { server_.reset(); }
};

QTEST_GUILESS_MAIN(TestPipelineBackends)
#include "test_pipeline_backends.moc"

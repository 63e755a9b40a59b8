// The study pipeline's features step as a cluster job: three `drs train --shard I/3` processes on a
// copy of a project, merged with `drs merge --project`, record the very rows (feature values, regions
// and their files' hashes, steps) that the pipeline's own single-process step records, in a run that
// `drs train` with the same options resumes. An ROI edited between a task and the merge is not merged
// until its task ran again; merging twice changes nothing. `--radiomics-params` reaches the features.
#include <QProcess>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <fstream>
#include <map>

#include "core/image/ImageIO.h"
#include "core/pipeline/Import.h"
#include "core/pipeline/PatientExtraction.h"
#include "core/pipeline/ProjectShards.h"
#include "core/pipeline/StudyPipeline.h"
#include "core/pipeline/synthetic/SyntheticCohort.h"
#include "core/project/Cohort.h"
#include "core/project/ProjectDb.h"
#include "core/project/Rois.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"
#include "core/util/Hash.h"
#include "tests/common/DrsProcess.h"

using namespace drs;
namespace fs = std::filesystem;

namespace {

using drs::test::ProcessRun;
using drs::test::runDrs;

// Deep-CT is not part of the features step: the pipeline stops where it would start.
class StopAtDeepCt : public DeepCtPort {
public:
    std::string backend(const DeepCtOptions&) const override { return "none (stops before Deep-CT)"; }
    DeepCtResult trainAndExtract(const std::vector<DeepPatch>&, const std::vector<DeepPatch>&, const DeepCtOptions&,
                                 const std::string&, Progress&) override {
        throw Error("stop: the features step is done");
    }
    DeepCtResult trainMultiTaskAndExtract(const std::vector<DeepPatch>&, const OutputLabels&,
                                          const std::vector<DeepPatch>&, const DeepCtOptions&, const std::string&,
                                          Progress&) override {
        throw Error("stop: the features step is done");
    }
    std::vector<DeepFeatures> extract(const std::string&, const std::vector<DeepPatch>&) override { return {}; }
    std::vector<double> predict(const std::string&, const std::vector<DeepPatch>&, int) override { return {}; }
    std::vector<float> gradCam(const std::string&, const DeepPatch&, int) override { return {}; }
};

// Rows as text, doubles with 17 digits (bit-exact), columns joined by '|'.
QStringList rows(project::ProjectDb& db, const std::string& sql) {
    QSqlQuery query = db.prepare(sql);
    db.run(query, "read rows");
    QStringList lines;
    while (query.next()) {
        QStringList columns;
        for (int c = 0; c < query.record().count(); ++c) {
            const QVariant v = query.value(c);
            columns << (v.isNull()                        ? QStringLiteral("NULL")
                        : v.typeId() == QMetaType::Double ? QString::number(v.toDouble(), 'g', 17)
                                                          : v.toString());
        }
        lines << columns.join('|');
    }
    return lines;
}

// Everything the features step records, keyed by patient id (pseudonyms differ between projects
// only when imported separately; these are copies).
QStringList featureRows(project::ProjectDb& db) {
    return rows(db,
                "SELECT s.region_kind, v.patient_id, v.name, v.value FROM feature_values v JOIN feature_sets s"
                " ON s.id = v.feature_set_id ORDER BY s.region_kind, v.patient_id, v.rowid");
}
QStringList regionRows(project::ProjectDb& db) {
    return rows(db,
                "SELECT roi_id, kind, path, sha256, voxel_count, volume_mm3, details_json FROM regions"
                " ORDER BY roi_id, kind");
}
QStringList stepRows(project::ProjectDb& db, std::int64_t runId) {
    return rows(db, "SELECT step FROM run_steps WHERE run_id = " + std::to_string(runId) +
                        " AND step LIKE 'features:%' ORDER BY step");
}

}  // namespace

class ProjectShardTest : public QObject {
    Q_OBJECT
private slots:
    void shardsMergeToThePipelinesOwnStep();
    void otherRegionsThroughShards();
    void radiomicsParamsReachTheStudysFeatures();
    void aWrongRadiomicsParamsFileIsRefusedBeforeTheProjectIsTouched();
};

void ProjectShardTest::shardsMergeToThePipelinesOwnStep() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string root = dir.path().toStdString();
    SilentProgress quiet;
    const auto cohort = synthetic::writeSyntheticCohort(root + "/cohort", 6, 5, quiet);
    {
        project::ProjectDb single(root + "/single.sqlite");
        const auto report = importCohort(single, cohort.studiesFolder, cohort.clinicalCsv, {}, quiet);
        QCOMPARE(static_cast<int>(report.acceptedCount()), 6);
    }
    fs::copy_file(root + "/single.sqlite", root + "/sharded.sqlite");
    fs::copy(root + "/single.files", root + "/sharded.files", fs::copy_options::recursive);

    const StudyOptions options = StudyOptions::fast();  // what `drs train --fast` uses
    StopAtDeepCt deep;
    project::ProjectDb single(root + "/single.sqlite");
    try {
        StudyPipeline(single, deep).run(options, quiet);
    } catch (const Error&) {
        // expected once the features step and the split are done
    }
    const std::int64_t singleRun = rows(single, "SELECT max(id) FROM runs").front().toLongLong();

    const QString project = QString::fromStdString(root + "/sharded.sqlite");
    const QString shards = QString::fromStdString(root + "/shards");
    auto task = [&](int index) {
        return QStringList{"train",     "--project", project,
                           "--fast",    "--quiet",   "--threads",
                           "1",         "--shard",   QStringLiteral("%1/3").arg(index),
                           "--out-dir", shards};
    };
    QProcess tasks[3];
    for (int t = 0; t < 3; ++t) tasks[t].start(QStringLiteral(DRS_BIN_DIR "/drs"), task(t + 1));
    for (auto& t : tasks) {
        QVERIFY(t.waitForFinished(300000));
        QVERIFY2(t.exitCode() == 0, t.readAllStandardError().constData());
    }

    // Patient 4's ROI gets a second version (same outline) after its task ran: not merged.
    std::int64_t editedRoi = 0;
    {
        project::ProjectDb db(project.toStdString());
        project::RoiRepository rois(db);
        const auto c = *rois.caseOf(4);
        editedRoi = c.roiId;
        QCOMPARE(rois.saveVersion(c.roiId, 1, readLabelMap(c.maskPath), "drawn", "checked"), 2);
    }
    const ProcessRun stale = runDrs({"merge", "--shards", shards, "--project", project});
    QCOMPARE(stale.exitCode, 1);
    QVERIFY2(stale.err.contains("5 patients merged, 0 already merged, 1 not merged"), qPrintable(stale.err));
    QVERIFY2(
        stale.err.contains(
            QStringLiteral("computed from roi %1 version 1, but the ROI is at roi %1 version 2 now").arg(editedRoi)),
        qPrintable(stale.err));
    // Patient 4 is case 4 of 6: task 1 of 3 (cases 1 and 4). Only it is computed again.
    const ProcessRun again = runDrs(task(1));
    QVERIFY2(again.exitCode == 0 && again.err.contains("1 computed, 1 already done"), qPrintable(again.err));
    const ProcessRun merge = runDrs({"merge", "--shards", shards, "--project", project});
    QVERIFY2(merge.exitCode == 0 && merge.err.contains("1 patients merged, 5 already merged"), qPrintable(merge.err));

    project::ProjectDb sharded(project.toStdString());
    const QStringList runs = rows(sharded, "SELECT id, status, parameters_json FROM runs");
    QCOMPARE(runs.size(), 1);
    const std::int64_t shardedRun = runs.front().section('|', 0, 0).toLongLong();
    QCOMPARE(runs.front().section('|', 1, 1), QString("cancelled"));
    // `drs train --fast` resumes this run: same parameters, and no superseded ROI in it.
    QCOMPARE(runs.front().section('|', 2).toStdString(), options.toJson());
    QCOMPARE(resumableRun(sharded, options.toJson()), shardedRun);

    const QStringList features = featureRows(sharded);
    QCOMPARE(features.size(), 6 * 2 * 107);
    QCOMPARE(features, featureRows(single));
    QCOMPARE(regionRows(sharded).size(), 18);
    QCOMPARE(regionRows(sharded), regionRows(single));
    QCOMPARE(stepRows(sharded, shardedRun), stepRows(single, singleRun));
    QCOMPARE(rows(sharded, "SELECT patient_id, roi_version FROM feature_rois ORDER BY feature_set_id, patient_id"),
             (QStringList{"1|1", "2|1", "3|1", "4|2", "5|1", "6|1", "1|1", "2|1", "3|1", "4|2", "5|1", "6|1"}));
    for (const QString& region : rows(sharded, "SELECT path, sha256 FROM regions")) {
        const std::string file = sharded.absoluteFilePath(region.section('|', 0, 0).toStdString());
        QCOMPARE(QString::fromStdString(sha256File(file)), region.section('|', 1, 1));
    }

    // Merging again changes nothing.
    const QStringList before = featureRows(sharded) + regionRows(sharded) + stepRows(sharded, shardedRun);
    const ProcessRun twice = runDrs({"merge", "--shards", shards, "--project", project});
    QVERIFY2(twice.exitCode == 0 && twice.err.contains("0 patients merged, 6 already merged"), qPrintable(twice.err));
    QCOMPARE(featureRows(sharded) + regionRows(sharded) + stepRows(sharded, shardedRun), before);
}

// A patch fitted to the tumour and a 5 mm ring have files and a ring feature set of their own; the
// shards record them as the pipeline does, beside an earlier run's native patch and 3 mm ring.
void ProjectShardTest::otherRegionsThroughShards() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string root = dir.path().toStdString();
    SilentProgress quiet;
    const auto cohort = synthetic::writeSyntheticCohort(root + "/cohort", 3, 7, quiet);
    StopAtDeepCt deep;
    const auto features = [&](project::ProjectDb& db, const StudyOptions& options) {
        try {
            StudyPipeline(db, deep).run(options, quiet);
        } catch (const Error&) {
            // expected once the features step and the split are done
        }
    };
    const StudyOptions paper = StudyOptions::fast();
    {
        project::ProjectDb single(root + "/single.sqlite");
        QCOMPARE(
            static_cast<int>(importCohort(single, cohort.studiesFolder, cohort.clinicalCsv, {}, quiet).acceptedCount()),
            3);
        features(single, paper);
    }
    fs::copy_file(root + "/single.sqlite", root + "/sharded.sqlite");
    fs::copy(root + "/single.files", root + "/sharded.files", fs::copy_options::recursive);

    StudyOptions other = paper;
    other.regions.patchTumourExtents = 2.0;
    other.regions.ringThicknessMm = 5.0;
    project::ProjectDb single(root + "/single.sqlite");
    features(single, other);
    project::ProjectDb sharded(root + "/sharded.sqlite");
    extractProjectShard(sharded, other, Shard{}, root + "/shards", quiet);
    QCOMPARE(mergeProjectShards(sharded, root + "/shards").merged, std::size_t{3});

    QCOMPARE(featureRows(sharded), featureRows(single));
    QCOMPARE(regionRows(sharded), regionRows(single));
    QCOMPARE(rows(sharded, "SELECT count(*) FROM feature_sets WHERE region_kind = 'ring'"), QStringList{"2"});
    const QStringList paths = rows(sharded, "SELECT path FROM regions WHERE kind <> 'tumour' ORDER BY roi_id, kind");
    QCOMPARE(paths.size(), 6);
    for (int i = 0; i < paths.size(); ++i)
        QVERIFY2(paths[i].endsWith(i % 2 == 0 ? "/patch-fit2.nii.gz" : "/ring-5mm.nii.gz"), qPrintable(paths[i]));
    // The first run's files are still there, as it wrote them.
    for (const auto& c : project::CohortRepository(sharded).caseFiles())
        for (const char* name : {"/patch.nii.gz", "/ring.nii.gz"})
            QVERIFY(fs::exists(sharded.absoluteFilePath(regionFolderOf(c.pseudonym) + name)));
}

// `drs train --radiomics-params` computes the study's features with the file's settings: the tumour
// features it records are those `drs extract --params` gives for the same image and mask, and not
// those of the default settings; the run's parameters record the settings (and ComBat's label covariate
// and the RadScores' elastic net).
void ProjectShardTest::radiomicsParamsReachTheStudysFeatures() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string root = dir.path().toStdString();
    SilentProgress quiet;
    const auto cohort = synthetic::writeSyntheticCohort(root + "/cohort", 2, 3, quiet);
    const QString project = QString::fromStdString(root + "/p.sqlite");
    {
        project::ProjectDb db(project.toStdString());
        QCOMPARE(
            static_cast<int>(importCohort(db, cohort.studiesFolder, cohort.clinicalCsv, {}, quiet).acceptedCount()), 2);
    }
    const QString params = dir.filePath("resampled.json");
    std::ofstream(params.toStdString())
        << R"({"imageType": {"Original": {}}, "setting": {"binWidth": 20, "resampledPixelSpacing": [2, 2, 2]}})";
    const QString shards = dir.filePath("shards");
    const ProcessRun train =
        runDrs({"train", "--project", project, "--fast", "--quiet", "--threads", "1", "--radiomics-params", params,
                "--combat-label-covariate", "--radscore-alpha", "0.5", "--shard", "1/1", "--out-dir", shards});
    QVERIFY2(train.exitCode == 0, qPrintable(train.err));
    const ProcessRun merge = runDrs({"merge", "--shards", shards, "--project", project});
    QVERIFY2(merge.exitCode == 0, qPrintable(merge.err));

    project::ProjectDb db(project.toStdString());
    const QString parameters = rows(db, "SELECT parameters_json FROM runs").front();
    QVERIFY2(parameters.contains(R"("resampledPixelSpacing":[2,2,2])") && parameters.contains(R"("binWidth":20)"),
             qPrintable(parameters));
    QVERIFY2(parameters.contains(R"("combat_label_covariate":true)"), qPrintable(parameters));
    QVERIFY2(parameters.contains(R"("radscore_alpha":0.5)"), qPrintable(parameters));
    const project::CaseFiles patient = project::CohortRepository(db).caseFiles(project::kDevelopmentCohort).front();
    const QStringList recorded = rows(db,
                                      "SELECT v.name, v.value FROM feature_values v JOIN feature_sets s ON s.id = "
                                      "v.feature_set_id WHERE s.region_kind = 'tumour' AND v.patient_id = " +
                                          std::to_string(patient.patientId) + " ORDER BY v.name");
    QCOMPARE(recorded.size(), 107);

    auto extracted = [&](const QStringList& settings) {
        const QString csv = dir.filePath(QStringLiteral("extract%1.csv").arg(settings.size()));
        const ProcessRun run = runDrs(QStringList{"extract", "--image", QString::fromStdString(patient.imagePath),
                                                  "--mask", QString::fromStdString(patient.maskPath), "--out", csv} +
                                      settings);
        if (run.exitCode != 0) throw Error("drs extract: " + run.err.toStdString());
        const CsvTable table = readCsv(csv.toStdString());
        std::map<std::string, double> values;
        for (std::size_t c = 1; c < table.header.size(); ++c) values[table.header[c]] = std::stod(table.rows.at(0)[c]);
        return values;
    };
    const auto withParams = extracted({"--params", params});
    const auto withDefaults = extracted({});
    QCOMPARE(withParams.size(), std::size_t(107));
    int differentFromDefaults = 0;
    for (const QString& line : recorded) {
        const std::string name = line.section('|', 0, 0).toStdString();
        const double value = line.section('|', 1, 1).toDouble();
        QVERIFY2(withParams.count(name), name.c_str());
        QVERIFY2(std::abs(value - withParams.at(name)) <= 1e-9 * std::max(1.0, std::abs(value)), name.c_str());
        if (std::abs(value - withDefaults.at(name)) > 1e-6 * std::max(1.0, std::abs(value))) ++differentFromDefaults;
    }
    QVERIFY2(differentFromDefaults > 50, qPrintable(QString::number(differentFromDefaults)));
}

void ProjectShardTest::aWrongRadiomicsParamsFileIsRefusedBeforeTheProjectIsTouched() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString params = dir.filePath("typo.json");
    std::ofstream(params.toStdString()) << R"({"setting": {"binWidht": 25}})";
    const QString project = dir.filePath("p.sqlite");
    const ProcessRun run = runDrs({"train", "--project", project, "--radiomics-params", params});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(params) && run.err.contains("binWidht"), qPrintable(run.err));
    QVERIFY(!QFile::exists(project));
    // A setting of ComBat without ComBat.
    const ProcessRun contradiction = runDrs({"train", "--project", project, "--no-combat", "--combat-label-covariate"});
    QCOMPARE(contradiction.exitCode, 1);
    QVERIFY2(contradiction.err.contains("--combat-label-covariate"), qPrintable(contradiction.err));
    QVERIFY(!QFile::exists(project));
    for (const QStringList& wrong : {QStringList{"--patience", "0"}, QStringList{"--head-activation", "tanh"}}) {
        const ProcessRun refused = runDrs(QStringList{"train", "--project", project} + wrong);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(wrong.front()) && refused.err.contains(wrong.back()), qPrintable(refused.err));
        QVERIFY(!QFile::exists(project));
    }
    for (const char* alpha : {"0", "2", "x"}) {
        const ProcessRun wrongAlpha = runDrs({"train", "--project", project, "--radscore-alpha", alpha});
        QCOMPARE(wrongAlpha.exitCode, 1);
        QVERIFY2(wrongAlpha.err.contains("--radscore-alpha"), qPrintable(wrongAlpha.err));
        QVERIFY(!QFile::exists(project));
    }
}

QTEST_GUILESS_MAIN(ProjectShardTest)
#include "test_project_shards.moc"

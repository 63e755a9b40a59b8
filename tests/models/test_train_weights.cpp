// ImageNet weights through `drs train`, as a user brings them: a torchvision state_dict that
// Debian's python3-torchvision writes from a randomly initialised densenet121 (nothing is
// downloaded) trains the paper's full-width network on a small synthetic project, and the saved
// Deep-CT backbone is that file's tensors after one short epoch. Weights of another width are
// refused before the run starts, naming the first tensor that does not fit; so is a list of two
// input channels, while three take the file as it is. Skips when
// /usr/bin/python3 has no torchvision (scripts/install-deps.sh installs it).
#include <torch/torch.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

#include "models/ModelFile.h"
#include "models/WeightImport.h"
#include "tests/common/DrsProcess.h"

using namespace drs;

namespace {

using drs::test::ProcessRun;
using drs::test::runDrs;
using drs::test::runProgram;

const char* kWriteStateDict = R"(
import sys, torch, torchvision
torch.manual_seed(20)
model = torchvision.models.densenet121(weights=None)
torch.save(dict(model.state_dict()), sys.argv[1])
)";

struct Drift {
    std::size_t compared = 0;
    double largestChange = 0, largestWeight = 0;
};

// How far the saved backbone's tensors moved from the file's. One epoch of Adam at lr 1e-4 moves
// a weight by a few 1e-4 at most; a network that did not start from the file would differ by the
// size of the weights themselves (~0.1).
Drift driftFrom(const std::string& model, const QString& weights) {
    auto net = models::loadDeepCtModel(model);
    const auto imported = models::readStateDict(weights.toStdString());
    Drift drift;
    for (const auto& item : net->backbone().named_parameters()) {
        const auto found = imported.find(item.key());
        if (found == imported.end()) throw std::runtime_error(item.key() + " is not in the weights file");
        drift.largestChange = std::max(drift.largestChange, (item.value() - found->second).abs().max().item<double>());
        drift.largestWeight = std::max(drift.largestWeight, found->second.abs().max().item<double>());
        ++drift.compared;
    }
    qInfo("%zu tensors: largest change %.3g, largest weight %.3g", drift.compared, drift.largestChange,
          drift.largestWeight);
    return drift;
}

}  // namespace

class TrainWeightsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        weights_ = dir_.filePath("densenet121_random.pt");
        const ProcessRun python = runProgram("/usr/bin/python3", {"-c", kWriteStateDict, weights_});
        if (python.exitCode != 0)
            QSKIP(qPrintable("/usr/bin/python3 with torchvision is not available: " + python.err.left(300)));
        const QString cohort = dir_.filePath("cohort");
        project_ = dir_.filePath("project.sqlite");
        ProcessRun run = runDrs({"synth", "--out", cohort, "--patients", "30", "--seed", "4", "--quiet"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = runDrs({"import", "--project", project_, "--studies", cohort + "/studies", "--clinical",
                      cohort + "/clinical.csv", "--quiet"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }

    void weightsOfAnotherWidthAreRefusedUpFront() {
        const QString quarter = QString(DRS_TEST_DATA) + "/models/densenet121_quarter_state_dict.pt";
        const ProcessRun run = runDrs({"train", "--project", project_, "--fast", "--paper-network", "--endpoints", "PI",
                                       "--weights", quarter, "--quiet"});
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.err.contains("densenet121_quarter_state_dict.pt") && run.err.contains("'features.conv0.weight'") &&
                     run.err.contains("64x3x7x7"),
                 qPrintable(run.err));
        QVERIFY2(!QFile::exists(dir_.filePath("project.files/runs")), "a refused weights file started a run");
    }

    void torchvisionStateDictTrainsThePaperNetwork() {
        const ProcessRun run = runDrs({"train", "--project", project_, "--fast", "--paper-network", "--endpoints", "PI",
                                       "--epochs", "1", "--weights", weights_, "--quiet"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const std::string model = dir_.filePath("project.files/runs/1/PI-deepct.pt").toStdString();
        auto net = models::loadDeepCtModel(model);
        QCOMPARE(net->config().widthDivisor, int64_t(1));
        QCOMPARE(net->config().inChannels, int64_t(3));
        const Drift drift = driftFrom(model, weights_);
        QCOMPARE(drift.compared, std::size_t(362));  // torchvision densenet121's parameters without its classifier
        QVERIFY2(drift.largestChange < 0.005, std::to_string(drift.largestChange).c_str());
        QVERIFY(drift.largestWeight > 0.1);
        std::ifstream sidecar(model + ".json");
        const std::string json{std::istreambuf_iterator<char>(sidecar), std::istreambuf_iterator<char>()};
        QVERIFY2(json.find("\"pretrained_imagenet\": true") != std::string::npos, json.c_str());
        QVERIFY(json.find("\"width_divisor\": 1,") != std::string::npos);

        // The run names the library that trained it, with the version Debian's python3-torch (built
        // from the same source) reports, and the device.
        const ProcessRun python = runProgram(
            "/usr/bin/python3", {"-c", "import re, torch; print(re.match(r'[0-9.]+', torch.__version__)[0])"});
        QVERIFY2(python.exitCode == 0, qPrintable(python.err));
        const QString device = torch::cuda::is_available() ? "on CUDA device 0" : "on the CPU, 1 thread";
        {
            QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "runs");
            db.setDatabaseName(project_);
            QVERIFY(db.open());
            QSqlQuery query("SELECT versions_json FROM runs WHERE id = 1", db);
            QVERIFY(query.next());
            const QJsonObject versions = QJsonDocument::fromJson(query.value(0).toByteArray()).object();
            QCOMPARE(versions["deep_ct"].toString(), "LibTorch " + python.out.trimmed() + " " + device);
        }
        QSqlDatabase::removeDatabase("runs");
    }

    // Three channels of our own enter ImageNet's three; two cannot, and are refused before a run starts.
    void threeInputChannelsTakeTheWeightsAsTheyAre() {
        const ProcessRun two =
            runDrs({"train", "--project", project_, "--fast", "--paper-network", "--endpoints", "PI", "--epochs", "1",
                    "--weights", weights_, "--input-channels", "lung+tumour", "--quiet"});
        QVERIFY(two.exitCode != 0);
        QVERIFY2(two.err.contains("ImageNet weights take 1 input channel (replicated) or 3; lung+tumour are 2"),
                 qPrintable(two.err));
        QVERIFY2(!QFile::exists(dir_.filePath("project.files/runs/2")), "a refused channel list started a run");
        const ProcessRun run =
            runDrs({"train", "--project", project_, "--fast", "--paper-network", "--endpoints", "PI", "--epochs", "1",
                    "--weights", weights_, "--input-channels", "lung+mediastinal+tumour", "--quiet"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const std::string model = dir_.filePath("project.files/runs/2/PI-deepct.pt").toStdString();
        auto net = models::loadDeepCtModel(model);
        QCOMPARE(net->config().channels, (std::vector<std::string>{"lung", "mediastinal", "tumour"}));
        QCOMPARE(net->config().inChannels, int64_t(3));
        const Drift drift = driftFrom(model, weights_);
        QCOMPARE(drift.compared, std::size_t(362));
        QVERIFY2(drift.largestChange < 0.005, std::to_string(drift.largestChange).c_str());
    }

private:
    QTemporaryDir dir_;
    QString weights_, project_;
};

QTEST_GUILESS_MAIN(TrainWeightsTest)
#include "test_train_weights.moc"

#pragma once
// Hand-made evidence with known numbers for the report and JSON tests. The values are chosen, not
// computed: the tests check that exactly these numbers reach the page in the documented format.
#include <QColor>
#include <QImage>
#include <QPainter>
#include <QRadialGradient>
#include <QString>
#include <cmath>
#include <cstdint>
#include <string>

#include "core/pipeline/Evidence.h"

namespace sample {

struct ModelNumbers {
    const char* name;
    double auc, low, high;
};

struct EndpointNumbers {
    const char* endpoint;
    int trainN, trainPositive, testN, testPositive;
    ModelNumbers models[3];
    double p[3];  // DeLong p: DRS vs RS, DRS vs DCT, DCT vs RS
};

// A run's recorded parameters as drs train writes them: one JSON word of about 1,000 characters.
inline const char* const kRunParameters =
    R"({"balanced_class_weights":true,"classifiers":["svm","knn","rf","nb","lr","mlp","lda"],"combat_by_centre":)"
    R"(true,"cv_folds":5,"cv_repeats":2,"deep":{"augment":true,"backbone":"densenet121","batch_size":0,)"
    R"("batch_size_max":16,"cpu_threads":1,"epochs":4,"flip_anterior_posterior":false,"flip_left_right":true,)"
    R"("imagenet_weights":"","input_px":0,"intensity_jitter":0.1,"learning_rate":0.001,"learning_rate_schedule":)"
    R"("cosine","max_rotation_deg":10,"patience":3,"validation_fraction":0.25,"width_divisor":4},)"
    R"("radiomics":{"binWidth":25,"distances":[1],"resegmentMode":"absolute","resegmentShape":false,)"
    R"("symmetricalGLCM":true,"wavelet":"coif1"},"radscore_lambda":"lambda.min","redundancy_max_abs_r":0.9,)"
    R"("ring_mm":3,"seed":"0","test_fraction":0.3,"univariate_max_p":0.05,"wavelet":false})";

inline const EndpointNumbers kEndpoints[2] = {
    {"EGFR",
     120,
     46,
     52,
     20,
     {{"Radiomics-Score", 0.702, 0.561, 0.843},
      {"Deep-CT", 0.745, 0.612, 0.878},
      {"Deep-RadScore", 0.812, 0.701, 0.923}},
     {0.0004, 0.034, 0.512}},
    {"KRAS",
     110,
     15,
     48,
     7,
     {{"Radiomics-Score", 0.655, 0.480, 0.830},
      {"Deep-CT", 0.690, 0.520, 0.860},
      {"Deep-RadScore", 0.731, 0.574, 0.888}},
     {0.041, 0.27, 0.66}},
};

// Deterministic pseudo-random numbers in [0, 1) (a 64-bit LCG), so the fixture never changes.
class Lcg {
public:
    explicit Lcg(uint64_t seed) : state_(seed) {}
    double next() {
        state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
        return double(state_ >> 11) / double(1ULL << 53);
    }

private:
    uint64_t state_;
};

// A CT-like grey patch with a bright blob and a jet-coloured Grad-CAM blend, written as PNG.
inline void writeGradCamPng(const QString& path, double phase) {
    QImage image(160, 160, QImage::Format_RGB32);
    for (int y = 0; y < 160; ++y)
        for (int x = 0; x < 160; ++x) {
            const double d = std::hypot(x - 80.0, y - 80.0);
            const int grey =
                std::clamp(int(40 + 120 * std::exp(-d * d / 900.0) + 15 * std::sin(x * 0.3 + phase)), 0, 255);
            image.setPixel(x, y, qRgb(grey, grey, grey));
        }
    QPainter painter(&image);
    QRadialGradient heat(QPointF(70 + 20 * phase, 85), 55);
    heat.setColorAt(0, QColor(255, 0, 0, 170));
    heat.setColorAt(0.4, QColor(255, 230, 0, 120));
    heat.setColorAt(0.7, QColor(0, 200, 255, 70));
    heat.setColorAt(1, QColor(0, 0, 255, 0));
    painter.fillRect(image.rect(), heat);
    painter.end();
    image.save(path, "PNG");
}

inline drs::ModelEvidence makeModel(const ModelNumbers& numbers, int index, const EndpointNumbers& e, Lcg& random) {
    drs::ModelEvidence m;
    m.model = numbers.name;
    m.testAuc = numbers.auc;
    m.testAucCiLow = numbers.low;
    m.testAucCiHigh = numbers.high;
    m.trainAuc = numbers.auc + 0.061;
    m.chosenClassifier = index == 0 ? "lr" : index == 1 ? "svm" : "rf";
    const char* classifiers[] = {"svm", "knn", "rf", "nb", "lr", "mlp", "lda"};
    // Five folds per repeat around the panel's mean, with offsets that cancel: repeat r's mean is
    // mean + 0.02 (r - 1.5), and the folds' mean is the panel's mean. The Radiomics-Score has four
    // repeats; the deep models, cross-validated on the first repeat only, one.
    const int repeats = index == 0 ? 4 : 1;
    for (int c = 0; c < 7; ++c) {
        const bool chosen = m.chosenClassifier == classifiers[c];
        drs::ClassifierCv cv;
        cv.classifier = classifiers[c];
        cv.meanAuc = numbers.auc + (chosen ? 0.02 : -0.01 - 0.01 * c);
        cv.sdAuc = 0.041 + 0.003 * c;
        for (int r = 0; r < repeats; ++r)
            for (int f = 0; f < 5; ++f) {
                const double repeatShift = repeats > 1 ? 0.02 * (r - 0.5 * (repeats - 1)) : 0.0;
                cv.foldAucs.push_back(cv.meanAuc + repeatShift + 0.03 * (f - 2) * (1 + 0.5 * r));
                cv.foldRepeats.push_back(r);
            }
        m.panel.push_back(cv);
    }
    m.testMetrics.threshold = 0.42 + 0.03 * index;
    m.testMetrics.accuracy = 0.731 + 0.02 * index;
    m.testMetrics.recall = 0.700 + 0.05 * index;
    m.testMetrics.specificity = 0.750 + 0.01 * index;
    m.testMetrics.precision = 0.636 + 0.03 * index;
    m.testMetrics.npv = 0.800 + 0.02 * index;
    m.testMetrics.f1 = 0.667 + 0.04 * index;
    // ROC with the stated AUC: y = x^k has area 1 / (k + 1).
    const double k = 1 / numbers.auc - 1;
    for (int i = 0; i <= 40; ++i) {
        const double x = i / 40.0;
        m.testRoc.push_back({x, std::pow(x, k)});
    }
    for (int i = 0; i < e.testN; ++i) m.testScores.push_back(random.next());
    for (int i = 0; i < e.trainN; ++i) m.trainScores.push_back(random.next());
    m.brier = 0.221 - 0.015 * index;
    m.calibrationSlope = 0.86 + 0.05 * index;
    m.calibrationIntercept = 0.04 - 0.02 * index;
    for (int b = 0; b < 5; ++b) {
        const double predicted = 0.1 + 0.2 * b;
        m.reliability.push_back({predicted, std::clamp(predicted + 0.08 * std::sin(b + index), 0.0, 1.0)});
    }
    const double prevalence = double(e.testPositive) / e.testN;
    for (int i = 0; i <= 18; ++i) {
        const double pt = 0.05 * i;
        const double sensitivity = std::pow(1 - pt, 0.5 - 0.1 * index);
        const double falsePositiveRate = std::pow(1 - pt, 2.2 + 0.4 * index);
        m.netBenefit.push_back({pt, prevalence * sensitivity - (1 - prevalence) * falsePositiveRate * pt / (1 - pt)});
    }
    m.inputs = index == 0 ? std::vector<std::string>{"RadScore_tumour", "RadScore_ring"}
                          : std::vector<std::string>{"deep_01", "deep_02"};
    return m;
}

// Two endpoints with the numbers above; Grad-CAM images written into imageDir (the second
// listed image of EGFR is deliberately missing, to exercise the graceful skip).
inline drs::StudyEvidence makeStudyEvidence(const QString& imageDir) {
    drs::StudyEvidence study;
    // Training, internal test and an external cohort, each later cohort compared with training.
    study.cohortTable.columns = {{"Training", 180}, {"Internal test", 77}, {"External: Palo Alto", 41}};
    study.cohortTable.comparisons = {{0, 1, "Training vs Internal test"}, {0, 2, "Training vs External: Palo Alto"}};
    const std::string mw = "Mann-Whitney U test", chi = "chi-square test", fisher = "Fisher's exact test";
    study.cohortTable.rows = {
        {"Patients", "n", {"180", "77", "41"}, {-1, -1}, {"", ""}},
        {"Age (years)",
         "mean \u00B1 SD",
         {"63.2 \u00B1 9.8", "62.7 \u00B1 10.4", "66.1 \u00B1 8.2"},
         {0.742, 0.046},
         {mw, mw}},
        {"Age (years)",
         "median [IQR]",
         {"63.0 [57.0, 70.0]", "62.0 [55.0, 70.0]", "67.0 [61.0, 72.0]"},
         {-1, -1},
         {"", ""}},
        {"Sex", "Female", {"82 (45.6%)", "36 (46.8%)", "19 (46.3%)"}, {0.861, 0.927}, {chi, chi}},
        {"Sex", "Male", {"98 (54.4%)", "41 (53.2%)", "22 (53.7%)"}, {-1, -1}, {"", ""}},
        {"Smoking", "Never", {"101 (56.1%)", "45 (58.4%)", "3 (7.3%)"}, {0.412, 0.0002}, {chi, fisher}},
        {"Smoking", "Former/current", {"79 (43.9%)", "32 (41.6%)", "38 (92.7%)"}, {-1, -1}, {"", ""}},
        {"Location", "Upper lobe", {"112 (62.2%)", "44 (57.1%)", "25 (61.0%)"}, {0.0008, 0.883}, {fisher, fisher}},
        {"Location", "Lower/middle lobe", {"68 (37.8%)", "33 (42.9%)", "16 (39.0%)"}, {-1, -1}, {"", ""}},
        {"Centre", "A", {"90 (50.0%)", "38 (49.4%)", "0 (0.0%)"}, {-1, -1}, {"", ""}},
    };
    study.cohortByCentre.columns = {{"A", 128}, {"B", 129}, {"Palo Alto", 41}};
    study.cohortByCentre.rows = {{"Patients", "n", {"128", "129", "41"}, {}, {}},
                                 {"Sex", "Female", {"60 (46.9%)", "58 (45.0%)", "19 (46.3%)"}, {}, {}},
                                 {"Sex", "Male", {"68 (53.1%)", "71 (55.0%)", "22 (53.7%)"}, {}, {}}};
    study.provenance = {{"study", "Synthetic demo cohort (report test)"},
                        {"software", "DeepRadScore Studio test build"},
                        {"seed", "20240611"},
                        {"radiomics settings", "bin width 25 HU, wavelet on, resampling off"},
                        {"data hash (clinical.csv)", "sha256:9f2c4b1e"},
                        {"cross-validation", "5 folds x 10 repeats, stratified"},
                        {"parameters", kRunParameters}};
    Lcg random(7);
    for (int ei = 0; ei < 2; ++ei) {
        const auto& numbers = kEndpoints[ei];
        drs::EndpointEvidence e;
        e.endpoint = numbers.endpoint;
        for (int i = 0; i < numbers.trainN; ++i) {
            e.trainPatients.push_back("P" + std::to_string(1000 + i));
            e.trainLabels.push_back(i < numbers.trainPositive ? 1 : 0);
        }
        for (int i = 0; i < numbers.testN; ++i) {
            e.testPatients.push_back("P" + std::to_string(2000 + i));
            e.testLabels.push_back(i < numbers.testPositive ? 1 : 0);
        }
        for (int m = 0; m < 3; ++m) e.models.push_back(makeModel(numbers.models[m], m, numbers, random));
        const auto& drsModel = numbers.models[2];
        e.comparisons = {
            {"Deep-RadScore", "Radiomics-Score", drsModel.auc, numbers.models[0].auc, 3.52, numbers.p[0]},
            {"Deep-RadScore", "Deep-CT", drsModel.auc, numbers.models[1].auc, 2.12, numbers.p[1]},
            {"Deep-CT", "Radiomics-Score", numbers.models[1].auc, numbers.models[0].auc, 0.66, numbers.p[2]}};
        e.radScoreTumour = {{"original_shape_Sphericity", -0.4123},
                            {"wavelet-LLH_glcm_Contrast", 0.2871},
                            {"original_firstorder_Entropy", 0.1502}};
        e.radScoreRing = {{"wavelet-HLL_glszm_ZoneEntropy", 0.3310}, {"original_gldm_DependenceVariance", -0.0978}};
        e.radScoreTumourScaling = {{"original_shape_Sphericity", {0.712548, 0.0831}},
                                   {"wavelet-LLH_glcm_Contrast", {-0.00125, 0.000431}},
                                   {"original_firstorder_Entropy", {4.21, 0.37}}};
        e.radScoreRingScaling = {{"wavelet-HLL_glszm_ZoneEntropy", {5.9, 0.41}},
                                 {"original_gldm_DependenceVariance", {12345678, 2.5e-7}}};
        auto& c = e.correlation;
        c.rows = {"RadScore_tumour", "RadScore_ring"};
        double sumAbs = 0, sumSq = 0;
        for (int r = 0; r < 2; ++r) {
            c.r.emplace_back();
            c.p.emplace_back();
            for (int j = 0; j < 10; ++j) {
                if (r == 0) c.columns.push_back("deep_" + std::string(j < 9 ? "0" : "") + std::to_string(j + 1));
                const double value = 0.45 * std::sin(1.3 * j + 2.1 * r + ei);
                c.r.back().push_back(value);
                c.p.back().push_back(std::abs(value) > 0.3 ? 0.01 : 0.4);
                c.maxAbsR = std::max(c.maxAbsR, std::abs(value));
                sumAbs += std::abs(value);
                sumSq += value * value;
            }
        }
        c.meanAbsR = sumAbs / 20;
        c.sdAbsR = std::sqrt(std::max(0.0, sumSq / 20 - c.meanAbsR * c.meanAbsR));
        auto& s = e.shap;
        s.features = {"RadScore_tumour", "RadScore_ring"};
        for (int j = 1; j <= 10; ++j)
            s.features.push_back("deep_" + std::string(j < 10 ? "0" : "") + std::to_string(j));
        s.meanAbs.assign(12, 0.0);
        for (int patient = 0; patient < numbers.testN; ++patient) {
            std::vector<double> values, inputs;
            for (int f = 0; f < 12; ++f) {
                const double input = 2 * random.next() - 1;
                const double weight = 0.16 / (1 + 0.45 * f) * (f % 3 == 1 ? -1 : 1);
                inputs.push_back(input);
                values.push_back(weight * input + 0.01 * (random.next() - 0.5));
                s.meanAbs[f] += std::abs(values.back()) / numbers.testN;
            }
            s.values.push_back(values);
            s.featureValues.push_back(inputs);
        }
        s.baseline = double(numbers.trainPositive) / numbers.trainN;
        if (ei == 0) {
            for (int i = 0; i < 3; ++i) {
                // Named as the pipeline names them: ENDPOINT-gradcam-PSEUDONYM.png.
                const QString path = imageDir + QStringLiteral("/EGFR-gradcam-P%1.png").arg(2000 + i);
                writeGradCamPng(path, i);
                e.gradCamImages.push_back(path.toStdString());
            }
            e.gradCamImages.insert(e.gradCamImages.begin() + 1, (imageDir + "/gradcam_missing.png").toStdString());
            e.notes.push_back("Deep-CT trained from scratch: no ImageNet weights were imported.");
        }
        e.deepBackbone = "DenseNet121";
        e.deepPretrained = false;
        e.deepValidationAuc = 0.7134;
        e.deepEpochs = 30;
        study.endpoints.push_back(std::move(e));
    }
    return study;
}

inline drs::PatientPrediction makePatientPrediction(const QString& imageDir) {
    drs::PatientPrediction p;
    p.patientPseudonym = "DRS-7F3A";
    p.studyPath = "/data/study/DRS-7F3A/ct";
    p.maskPath = "/data/study/DRS-7F3A/rtstruct.dcm";
    p.patchImage = (imageDir + "/patch.png").toStdString();
    writeGradCamPng(QString::fromStdString(p.patchImage), 0.5);
    p.gradCamImage = (imageDir + "/absent_gradcam.png").toStdString();
    const char* endpoints[] = {"LVI", "PI", "T4", "EGFR", "KRAS", "ALK", "TP53", "PIK3CA", "ROS1", "PD1_PDL1"};
    for (int i = 0; i < 10; ++i) {
        drs::EndpointPrediction e;
        e.endpoint = endpoints[i];
        e.model = "Deep-RadScore";
        e.probability = 0.05 + 0.09 * i;
        e.threshold = 0.30 + 0.02 * i;
        e.positive = e.probability >= e.threshold;
        e.testAuc = 0.70 + 0.01 * i;
        e.testSensitivity = 0.65 + 0.02 * i;
        e.testSpecificity = 0.72 + 0.01 * i;
        e.testAucCiLow = e.testAuc - 0.12;  // TP53 (i = 6) and above clear 0.5; LVI's CI reaches 0.58
        e.testAucCiHigh = e.testAuc + 0.12;
        e.testPatients = 80;
        e.testEvents = i == 5 ? 3 : 25;  // ALK: too few events
        e.inSample = i == 0;             // a training patient for LVI
        p.endpoints.push_back(e);
    }
    p.provenance = {{"models", "project demo.sqlite, run 3"},
                    {"seed", "20240611"},
                    {"tumour_volume_mm3", "14203.9"},
                    {"tumour_max_axial_diameter_mm", "31.4"},
                    {"tumour_max_3d_diameter_mm", "36.0"}};
    return p;
}

}  // namespace sample

#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "core/image/ImageIO.h"
#include "core/pipeline/synthetic/SliceContours.h"
#include "core/pipeline/synthetic/SyntheticCohort.h"
#include "core/roi/Regions.h"
#include "core/roi/RtStruct.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"

using namespace drs;
using namespace drs::synthetic;

namespace {

// Even-odd point-in-polygon, written independently of the tracer it checks.
bool insideOutlines(const std::vector<std::vector<std::array<double, 2>>>& outlines, double x, double y) {
    bool inside = false;
    for (const auto& polygon : outlines) {
        for (std::size_t i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
            const auto& a = polygon[i];
            const auto& b = polygon[j];
            if ((a[1] > y) != (b[1] > y) && x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0]) inside = !inside;
        }
    }
    return inside;
}

std::vector<double> ranks(const std::vector<double>& values) {
    std::vector<std::size_t> order(values.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return values[a] < values[b]; });
    std::vector<double> rank(values.size());
    for (std::size_t r = 0; r < order.size(); ++r) rank[order[r]] = static_cast<double>(r);
    return rank;
}

double spearman(const std::vector<double>& a, const std::vector<double>& b) {
    const auto ra = ranks(a), rb = ranks(b);
    const double n = static_cast<double>(a.size());
    double d2 = 0;
    for (std::size_t i = 0; i < a.size(); ++i) d2 += (ra[i] - rb[i]) * (ra[i] - rb[i]);
    return 1 - 6 * d2 / (n * (n * n - 1));
}

}  // namespace

class TestSyntheticCohort : public QObject {
    Q_OBJECT
private slots:
    void sameSeedSameCaseOtherSeedOtherCase() {
        const auto first = synthesiseCase(7, 3);
        const auto again = synthesiseCase(7, 3);
        const auto other = synthesiseCase(8, 3);
        QVERIFY(first.volume.voxels == again.volume.voxels);
        QVERIFY(first.mask.voxels == again.mask.voxels);
        QCOMPARE(first.patient.patientId, again.patient.patientId);
        QVERIFY(first.volume.voxels != other.volume.voxels);
    }

    // Prevalences of the paper's Table 1 (EGFR 38 %, KRAS 10-16 %, ALK 4-9 %, ROS1 7-9 %, PI 63 %,
    // LVI 32 %, T4 24 %), over a large draw of patients.
    void labelPrevalencesMatchThePaper() {
        constexpr int patients = 6000;
        std::array<int, kEndpointCount> positives{};
        std::array<int, kEndpointCount> missing{};
        for (int i = 0; i < patients; ++i) {
            const auto patient = drawPatient(11, i);
            for (std::size_t e = 0; e < kEndpointCount; ++e) {
                positives[e] += patient.labels[e];
                missing[e] += patient.labelMissing[e];
            }
        }
        auto prevalence = [&](const std::string& name) {
            for (std::size_t e = 0; e < kEndpointCount; ++e)
                if (endpointNames()[e] == name) return positives[e] / double(patients);
            return -1.0;
        };
        QVERIFY(std::abs(prevalence("EGFR") - 0.38) < 0.025);
        QVERIFY(prevalence("KRAS") >= 0.10 && prevalence("KRAS") <= 0.16);
        QVERIFY(prevalence("ALK") >= 0.04 && prevalence("ALK") <= 0.09);
        QVERIFY(prevalence("ROS1") >= 0.065 && prevalence("ROS1") <= 0.095);
        QVERIFY(std::abs(prevalence("PI") - 0.63) < 0.025);
        QVERIFY(std::abs(prevalence("LVI") - 0.32) < 0.025);
        QVERIFY(std::abs(prevalence("T4") - 0.24) < 0.025);
        for (std::size_t e = 0; e < kEndpointCount; ++e) {
            QVERIFY2(missing[e] > 0, endpointNames()[e].c_str());
            QVERIFY2(missing[e] < patients / 2, endpointNames()[e].c_str());
        }
    }

    // The peritumoral halo drives LVI and the CNN-only gradient drives EGFR, as the docs say.
    void latentsDriveTheirEndpoints() {
        double haloPositive = 0, haloNegative = 0, gradientPositive = 0, gradientNegative = 0;
        int lviPositive = 0, egfrPositive = 0;
        constexpr int patients = 3000;
        for (int i = 0; i < patients; ++i) {
            const auto p = drawPatient(5, i);
            (p.labels[0] ? haloPositive : haloNegative) += p.tumour.haloHu;
            lviPositive += p.labels[0];
            (p.labels[3] ? gradientPositive : gradientNegative) += p.tumour.gradientHu;
            egfrPositive += p.labels[3];
        }
        QVERIFY(haloPositive / lviPositive > haloNegative / (patients - lviPositive) + 20);
        QVERIFY(gradientPositive / egfrPositive > gradientNegative / (patients - egfrPositive) + 15);
    }

    // The oracle of the demo's truth is the docs' weight table applied to the latents.
    void plantedScoreIsTheDocumentedWeightedSum() {
        Latents z;
        z.size = 1, z.invasion = 2, z.pleura = 3, z.solidity = 0.5, z.necrosis = 5, z.ring = 6, z.pattern = 1,
        z.smoking = -1;
        QCOMPARE(plantedScore(z, 0), 0.3 * 1 + 0.6 * 2 + 1.1 * 6);      // LVI
        QCOMPARE(plantedScore(z, 3), -0.8 * 0.5 + 0.9 * 1 - 0.6 * -1);  // EGFR
        QCOMPARE(plantedScore(z, 3, false), -0.8 * 0.5 - 0.6 * -1);     // EGFR without the pattern
        QCOMPARE(plantedScore(z, 8), 0.4 * 0.5 + 0.6 * 6 - 0.7 * 1);    // ROS1
        QCOMPARE(plantedScore(z, 6, false), plantedScore(z, 6));        // TP53 has no pattern term
    }

    // What docs/demo-cohort.md promises is measurable in the images: the halo raises the density of
    // the 3 mm peritumoral ring, the pattern latent tilts the tumour's density front to back, and
    // the diameter sets the GTV volume.
    void imagesExpressTheirLatents() {
        std::vector<double> halo, ringHu, diameter, volumeMm3;
        int gradientCases = 0, gradientAgreements = 0;
        for (int index = 0; index < 14; ++index) {
            const auto c = synthesiseCase(9, index);
            const LabelMap ring = peritumoralRing(c.mask, 3.0);
            double sum = 0, lungSum = 0;
            int count = 0, lungCount = 0;
            double front = 0, back = 0;
            int frontCount = 0, backCount = 0;
            double centroidY = 0;
            int tumourVoxels = 0;
            const auto [nx, ny, nz] = c.mask.geometry.sizeXyz;
            for (std::int64_t z = 0; z < nz; ++z)
                for (std::int64_t y = 0; y < ny; ++y)
                    for (std::int64_t x = 0; x < nx; ++x) {
                        const float hu = c.volume.at(x, y, z);
                        if (ring.at(x, y, z) && hu < -450) sum += hu, ++count;  // lung side of the ring
                        if (!ring.at(x, y, z) && !c.mask.at(x, y, z) && hu < -700) lungSum += hu, ++lungCount;
                        if (c.mask.at(x, y, z)) centroidY += double(y), ++tumourVoxels;
                    }
            centroidY /= tumourVoxels;
            for (std::int64_t z = 0; z < nz; ++z)
                for (std::int64_t y = 0; y < ny; ++y)
                    for (std::int64_t x = 0; x < nx; ++x)
                        if (c.mask.at(x, y, z)) {
                            if (double(y) > centroidY)
                                back += c.volume.at(x, y, z), ++backCount;
                            else
                                front += c.volume.at(x, y, z), ++frontCount;
                        }
            halo.push_back(c.patient.tumour.haloHu);
            ringHu.push_back(sum / std::max(count, 1) - lungSum / std::max(lungCount, 1));
            diameter.push_back(c.patient.tumour.diameterMm);
            volumeMm3.push_back(tumourVoxels * c.mask.geometry.voxelVolumeMm3());
            if (std::abs(c.patient.tumour.gradientHu) > 20) {
                ++gradientCases;
                gradientAgreements += (back / backCount - front / frontCount > 0) == (c.patient.tumour.gradientHu > 0);
            }
        }
        const double haloRho = spearman(halo, ringHu), sizeRho = spearman(diameter, volumeMm3);
        qInfo("Spearman halo vs ring HU %.3f, diameter vs GTV volume %.3f, gradient sign %d/%d", haloRho, sizeRho,
              gradientAgreements, gradientCases);
        QVERIFY(haloRho > 0.6);
        QVERIFY(sizeRho > 0.8);
        QVERIFY(gradientCases >= 5);
        QCOMPARE(gradientAgreements, gradientCases);
    }

    void tracedOutlinesFillBackToTheMask() {
        const auto synthetic = synthesiseCase(3, 1);
        const auto& mask = synthetic.mask;
        const auto [nx, ny, nz] = mask.geometry.sizeXyz;
        std::size_t tumourVoxels = 0;
        for (std::int64_t z = 0; z < nz; ++z) {
            const auto outlines = traceSliceOutlines(mask, z);
            for (std::int64_t y = 0; y < ny; ++y)
                for (std::int64_t x = 0; x < nx; ++x) {
                    const bool expected = mask.at(x, y, z) != 0;
                    tumourVoxels += expected;
                    if (insideOutlines(outlines, double(x), double(y)) != expected)
                        QFAIL(qPrintable(QString("voxel %1,%2,%3 differs").arg(x).arg(y).arg(z)));
                }
        }
        QVERIFY(tumourVoxels > 100);
    }

    void writtenSeriesReadsBackWithTheSameGeometryAndHu() {
        QTemporaryDir dir;
        SilentProgress progress;
        const auto files = writeSyntheticCohort(dir.filePath("cohort").toStdString(), 3, 21, progress);
        QCOMPARE(files.patientIds.size(), std::size_t(3));
        const SiteKey key = loadSiteKey();  // the tests' key file (DRS_KEY_FILE)
        ReadOptions options;
        options.siteKey = &key;
        for (int index = 0; index < 3; ++index) {
            const auto expected = synthesiseCase(21, index);
            const std::string folder = files.studiesFolder + "/" + expected.patient.patientId;
            StudyInfo info;
            const Volume read = readVolume(folder + "/CT", options, &info);
            QCOMPARE(info.modality, std::string("CT"));
            QCOMPARE(info.pseudonym, pseudonymise(expected.patient.patientId, key));
            QCOMPARE(read.geometry.sizeXyz, expected.volume.geometry.sizeXyz);
            for (int a = 0; a < 3; ++a) {
                QVERIFY(std::abs(read.geometry.spacingMm[a] - expected.volume.geometry.spacingMm[a]) < 1e-6);
                QVERIFY(std::abs(read.geometry.originMm[a] - expected.volume.geometry.originMm[a]) < 1e-6);
            }
            QVERIFY(geometryMismatch(read.geometry, expected.volume.geometry).empty());
            float largestDifference = 0;
            for (std::size_t i = 0; i < read.voxels.size(); ++i)
                largestDifference = std::max(largestDifference, std::abs(read.voxels[i] - expected.volume.voxels[i]));
            QCOMPARE(largestDifference, 0.0f);

            // The RTSTRUCT, rasterised by the product's own reader onto the series read back, gives the
            // ground-truth mask (Dice >= 0.95; tracing along voxel edges makes it exact in practice).
            const auto rois = listRtStructRois(folder + "/RTSTRUCT.dcm");
            QCOMPARE(rois.size(), std::size_t(1));
            QCOMPARE(rois[0].name, std::string("GTV"));
            const LabelMap mask = rasteriseRtStruct(folder + "/RTSTRUCT.dcm", "GTV", read.geometry);
            std::size_t both = 0, truth = 0, drawn = 0;
            for (std::size_t i = 0; i < mask.voxels.size(); ++i) {
                const bool inTruth = expected.mask.voxels[i] != 0, inDrawn = mask.voxels[i] != 0;
                both += inTruth && inDrawn;
                truth += inTruth;
                drawn += inDrawn;
            }
            const double dice = 2.0 * both / double(truth + drawn);
            qInfo("patient %d: RTSTRUCT Dice %.4f", index, dice);
            QVERIFY2(dice >= 0.95, qPrintable(QString("Dice %1").arg(dice)));
        }
        const CsvTable clinical = readCsv(files.clinicalCsv);
        QCOMPARE(clinical.rows.size(), std::size_t(3));
        QCOMPARE(clinical.header.size(), std::size_t(6 + kEndpointCount));
        QCOMPARE(clinical.rows[0][clinical.column("patient_id")], files.patientIds[0]);
        for (const auto& row : clinical.rows)
            for (const auto& name : endpointNames()) {
                const auto& cell = row[clinical.column(name)];
                QVERIFY(cell.empty() || cell == "0" || cell == "1");
            }
    }

    void nonEmptyOutputFolderIsRefused() {
        QTemporaryDir dir;
        std::ofstream(dir.filePath("keep.txt").toStdString()) << "x";
        SilentProgress progress;
        try {
            writeSyntheticCohort(dir.path().toStdString(), 2, 1, progress);
            QFAIL("a non-empty folder was accepted");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("not an empty folder"));
        }
    }

    void uidsAreValidAndDistinct() {
        const std::string a = uidFromKey("a"), b = uidFromKey("b");
        QVERIFY(a != b);
        QVERIFY(a.size() <= 64);
        QVERIFY(a.rfind("2.25.", 0) == 0);
        QVERIFY(a[5] != '0');
    }
};

QTEST_GUILESS_MAIN(TestSyntheticCohort)
#include "test_synthetic_cohort.moc"

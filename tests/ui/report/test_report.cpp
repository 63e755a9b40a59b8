#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "ReportTestTools.h"
#include "SampleEvidence.h"
#include "core/util/Error.h"
#include "ui/report/NumberFormat.h"
#include "ui/report/ReportDocument.h"
#include "ui/report/ReportWriter.h"

using namespace drs;
using namespace reporttest;

// Page plan of the sample study (docs/report.md): title, cohort, 3 per endpoint, notes, provenance.
constexpr int kStudyPages = 1 + 1 + 3 * 2 + 1 + 1;

class TestReport : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        // DRS_KEEP_TEST_OUTPUT=1 keeps the PDFs and rendered pages for a person to look at.
        if (qEnvironmentVariableIsSet("DRS_KEEP_TEST_OUTPUT")) {
            dir_.setAutoRemove(false);
            qInfo("report test output kept in %s", qPrintable(dir_.path()));
        }
        if (!havePoppler()) QSKIP("poppler-utils (pdfinfo, pdftotext, pdftoppm) not installed");
        study_ = dir_.filePath("study.pdf");
        writeStudyReport(sample::makeStudyEvidence(dir_.path()), study_.toStdString());
    }

    void numberFormats() {
        QCOMPARE(report::aucWithCi(0.812, 0.701, 0.923), QString::fromUtf8("0.812 [0.701\u20130.923]"));
        QCOMPARE(report::aucWithCi(0.8125, 0.70049, 1.0), QString::fromUtf8("0.813 [0.700\u20131.000]"));
        QCOMPARE(report::meanSd(0.78149, 0.0451), QString::fromUtf8("0.781 \u00B1 0.045"));
        QCOMPARE(report::pValue(0.0004), QStringLiteral("<0.001"));
        QCOMPARE(report::pValue(0.001), QStringLiteral("0.001"));
        QCOMPARE(report::pValue(0.0341), QStringLiteral("0.034"));
        QCOMPARE(report::pValue(-1), QString());
        QCOMPARE(report::fixed(std::nan("")), QStringLiteral("n/a"));
        QCOMPARE(report::fixed(-0.0001), QStringLiteral("0.000"));
        QCOMPARE(report::fixed(-1.37, 2), QString::fromUtf8("\u22121.37"));  // as ΔAUC beside it
        QCOMPARE(report::signedFixed(-0.0001), QStringLiteral("0.000"));
        QCOMPARE(report::signedFixed(-0.087), QString::fromUtf8("\u22120.087"));
        QCOMPARE(report::signedFixed(0.11), QStringLiteral("+0.110"));
    }

    void studyReportHasThePlannedPages() {
        QVERIFY(QFile::exists(study_));
        QCOMPARE(pageCount(study_), kStudyPages);
        // EGFR's third page ends with the classifier panel across repeats (SampleEvidence's fold AUCs).
        const QString images = pageText(study_, 5, 5);
        QVERIFY2(images.contains("Classifier panel across repeats") &&
                     images.contains("Radiomics-Score: 20 outer folds in 4 repeats; Deep-CT: 5 outer folds in 1"),
                 qPrintable(images));
        // No temporary file left beside the report.
        QCOMPARE(QDir(dir_.path()).entryList({"study.pdf*"}, QDir::Files), QStringList{"study.pdf"});
    }

    void titlePageSummarisesEveryEndpoint() {
        const QString text = pageText(study_, 1, 1);
        QVERIFY2(text.contains("Deep-RadScore study report"), qPrintable(text));
        QVERIFY(text.contains("Synthetic demo cohort (report test)"));
        // The model with the highest test AUC per endpoint, with its test AUC [95% CI] and the n (positive) of both
        // cohorts.
        QVERIFY2(text.contains(QString::fromUtf8("0.812 [0.701\u20130.923]")), qPrintable(text));
        // Beside it, how far the next model is behind (Deep-CT 0.745) and their paired DeLong p.
        QVERIFY2(text.contains(QString::fromUtf8("Deep-CT: \u22120.067, p = 0.034")), qPrintable(text));
        // KRAS has 7 positives among 48 test patients: descriptive, its AUC not ranked.
        QVERIFY2(!text.contains(QString::fromUtf8("0.731 [0.574\u20130.888]")), qPrintable(text));
        QVERIFY(text.contains("descriptive: 7 events"));
        QVERIFY(text.contains("not ranked"));
        QVERIFY(text.contains("120 (46)"));
        QVERIFY(text.contains("48 (7)"));
        QVERIFY(text.contains("research use only", Qt::CaseInsensitive));
    }

    void cohortPageShowsTableOne() {
        const QString text = pageText(study_, 2, 2);
        QVERIFY2(text.contains(QString::fromUtf8("63.2 \u00B1 9.8")), qPrintable(text));
        QVERIFY(text.contains("98 (54.4%)"));
        QVERIFY(text.contains("0.742"));
        QVERIFY(text.contains("<0.001"));  // Location, p = 0.0008
        // Each cohort is a column with its size; each comparison with training a p column.
        QVERIFY(text.contains("(n = 41)"));
        QVERIFY(text.contains("p (b)"));
        QVERIFY(text.contains("p (b): Training vs External: Palo Alto"));
        QVERIFY(text.contains("38 (92.7%)"));
        QVERIFY(text.contains("Mann-Whitney U"));
        // Tests that differ between comparisons are named per cohort.
        QVERIFY2(text.contains("(Internal test);"), qPrintable(text));
        QVERIFY(text.contains("Fisher's exact test"));
        QVERIFY(text.contains("By centre"));
        QVERIFY(text.contains("71 (55.0%)"));
    }

    void discriminationPageShowsAllModelsWithDelong() {
        const QString text = pageText(study_, 3, 3);
        for (const char* model : {"Radiomics-Score", "Deep-CT", "Deep-RadScore"}) QVERIFY(text.contains(model));
        // ROC legend and Table 3: the test AUC with its DeLong CI for each model.
        QVERIFY2(text.contains(QString::fromUtf8("Deep-RadScore: AUC 0.812 [0.701\u20130.923]")), qPrintable(text));
        QVERIFY(text.contains(QString::fromUtf8("Radiomics-Score: AUC 0.702 [0.561\u20130.843]")));
        QVERIFY(text.contains(QString::fromUtf8("0.745 [0.612\u20130.878]")));
        // Paired DeLong p-values 0.0004, 0.034, 0.512 and ΔAUC 0.812 - 0.702.
        QVERIFY(text.contains("<0.001"));
        QVERIFY(text.contains("0.034"));
        QVERIFY(text.contains("0.512"));
        QVERIFY(text.contains("+0.110"));
        // The caption names the Deep-CT network the evidence records, and each model's CV design.
        QVERIFY2(text.simplified().contains("Deep-CT network: DenseNet121."), qPrintable(text));
        QVERIFY2(text.simplified().contains("Score: 20 outer folds in 4 repeats; Deep-CT: 5 outer folds in 1 repeat; "
                                            "Deep-RadScore: 5 outer folds in 1 repeat)"),
                 qPrintable(text));
        // Chosen classifier's CV AUC: mean = AUC + 0.02, SD = 0.041 + 0.003 * index (rf is index 2).
        QVERIFY2(text.contains(QString::fromUtf8("0.832 \u00B1 0.047")), qPrintable(text));
        // Metrics at the operating point (Deep-RadScore: accuracy 0.771, sensitivity 0.800).
        QVERIFY(text.contains("0.771"));
        QVERIFY(text.contains("0.800"));
        // Holm over the study's 6 comparisons (EGFR 0.0004, 0.034, 0.512; KRAS 0.041, 0.27, 0.66):
        // 0.0004 x 6 = 0.0024, 0.034 x 5 = 0.170, 0.512 x 2 capped at 1.
        QVERIFY(text.contains("p (Holm)"));
        QVERIFY2(text.contains("all 6 paired comparisons"), qPrintable(text));
        QVERIFY(text.contains("0.002"));
        QVERIFY(text.contains("0.170"));
        QVERIFY(!text.contains("Descriptive only"));
    }

    void externalValidationGetsAPagePerEndpoint() {
        // EGFR evaluated on an external cohort: its page follows EGFR's three pages, with the internal
        // test AUC beside the external one and the run's threshold.
        StudyEvidence study = sample::makeStudyEvidence(dir_.path());
        EndpointEvidence external = study.endpoints[0];
        external.trainPatients.clear();
        external.trainLabels.clear();
        external.models[2].testAuc = 0.690;
        external.models[2].testAucCiLow = 0.540;
        external.models[2].testAucCiHigh = 0.840;
        study.externalValidations.push_back({"Palo Alto", {external}, {}});
        const QString pdf = dir_.filePath("external.pdf");
        writeStudyReport(study, pdf.toStdString());
        QCOMPARE(pageCount(pdf), kStudyPages + 1);
        const QString text = pageText(pdf, 6, 6);
        QVERIFY2(text.contains("EGFR: external validation on Palo Alto"), qPrintable(text));
        QVERIFY(text.contains("External cohort Palo Alto: 52 labelled patients (20 positive), 20 events"));
        QVERIFY(text.contains(QString::fromUtf8("0.812 [0.701\u20130.923]")));  // internal test
        QVERIFY(text.contains(QString::fromUtf8("0.690 [0.540\u20130.840]")));  // external
        QVERIFY(text.contains("0.480"));  // the run's threshold of Deep-RadScore: 0.42 + 0.03 * 2
        QVERIFY(pageText(pdf, 7, 7).contains("KRAS: discrimination"));
    }

    void smallTestSetIsDescriptive() {
        // KRAS: 7 events in the test set; its AUCs stay on its page, flagged, with Holm's p (0.041 x 4
        // = 0.164 raised to 0.170 by the step-down, 0.27 x 3 = 0.810).
        const QString text = pageText(study_, 6, 6);
        QVERIFY2(text.contains("Descriptive only: the test set holds 7 events"), qPrintable(text));
        QVERIFY(text.contains(QString::fromUtf8("0.731 [0.574\u20130.888]")));
        QVERIFY(text.contains("0.810"));
        QVERIFY(pageText(study_, kStudyPages - 1, kStudyPages - 1).contains("Descriptive only: 7 events"));
    }

    void explanationAndImagesPages() {
        const QString explanation = pageText(study_, 4, 4);
        QVERIFY2(explanation.contains("max |r|"), qPrintable(explanation));
        QVERIFY(explanation.contains("deep_10"));
        QVERIFY(explanation.contains("original_shape_Sphericity"));
        QVERIFY(explanation.contains(QString::fromUtf8("\u22120.4123")));
        QVERIFY2(explanation.contains("RadScore composition (LASSO, z-scored features)"), qPrintable(explanation));
        // With the training mean and SD of each feature, six significant digits: the formula is whole.
        QVERIFY(explanation.contains("Training mean") && explanation.contains("Training SD"));
        for (const char* number : {"0.712548", "0.0831", "\u22120.00125", "0.000431", "1.23457e+07", "2.5e\u221207"})
            QVERIFY2(explanation.contains(QString::fromUtf8(number)), number);
        QVERIFY(explanation.simplified().contains(QString::fromUtf8("(x \u2212 training mean) / training SD")));
        const QString images = pageText(study_, 5, 5);
        QVERIFY2(images.contains("Grad-CAM"), qPrintable(images));
        QVERIFY(images.contains("image not found"));
        // Under each picture: the pseudonym, the true label and the Deep-CT probability it explains.
        const drs::EndpointEvidence egfr = sample::makeStudyEvidence(dir_.filePath("captions")).endpoints[0];
        QCOMPARE(egfr.models[1].model, std::string("Deep-CT"));
        for (int i : {0, 2}) {
            QCOMPARE(egfr.testPatients[std::size_t(i)], "P" + std::to_string(2000 + i));
            const QString under = (egfr.testLabels[std::size_t(i)] ? QStringLiteral("positive, Deep-CT ")
                                                                   : QStringLiteral("negative, Deep-CT ")) +
                                  report::fixed(egfr.models[1].testScores[std::size_t(i)], 2);
            QVERIFY2(images.contains(QStringLiteral("P%1").arg(2000 + i)) && images.contains(under),
                     qPrintable(under + QStringLiteral("\n") + images));
        }
        QVERIFY(images.contains("Treat all"));
        QVERIFY(images.contains("0.191"));  // Brier of Deep-RadScore: 0.221 - 2 * 0.015
    }

    // A run made with --radscore-alpha says so where the report names the RadScores' fit.
    void elasticNetRunSaysSo() {
        drs::StudyEvidence evidence = sample::makeStudyEvidence(dir_.path());
        evidence.provenance["parameters"] = R"({"seed":"1","radscore_alpha":0.5})";
        const QString pdf = dir_.filePath("elastic-net.pdf");
        writeStudyReport(evidence, pdf.toStdString());
        const QString title = pageText(pdf, 1, 1).simplified();
        QVERIFY2(title.contains("Radiomics-Score reads two elastic-net (alpha 0.5) RadScores"), qPrintable(title));
        const QString explanation = pageText(pdf, 4, 4);
        QVERIFY2(explanation.contains("RadScore composition (elastic-net (alpha 0.5), z-scored features)"),
                 qPrintable(explanation));
        QVERIFY(!pageText(study_, 1, 1).contains("elastic"));
    }

    void gradCamImagesAreEmbeddedLosslessly() {
        if (QStandardPaths::findExecutable("pdfimages").isEmpty()) QSKIP("pdfimages (poppler-utils) not installed");
        int gradCams = 0;
        for (const QString& line : run("pdfimages", {"-list", study_}).split('\n')) {
            const QStringList cells = line.simplified().split(' ');
            // columns: page num type width height color comp bpc enc ...
            if (cells.size() > 8 && cells[3] == "160" && cells[4] == "160") {
                ++gradCams;
                QVERIFY2(cells[8] != "jpeg", qPrintable(line));
            }
        }
        QCOMPARE(gradCams, 3);  // the fourth listed image is missing on purpose
    }

    void aNoteOfEveryEndpointIsSaidOnce() {
        drs::StudyEvidence evidence = sample::makeStudyEvidence(dir_.path());
        const std::string shared = "One multi-task Deep-CT network per outer fold serves every endpoint.";
        for (auto& e : evidence.endpoints) e.notes.push_back(shared);
        const QString pdf = dir_.filePath("shared-note.pdf");
        writeStudyReport(evidence, pdf.toStdString());
        const QString notes = pageText(pdf, kStudyPages - 1, kStudyPages - 1).simplified();
        QCOMPARE(notes.count(QString::fromStdString(shared)), 1);
        QVERIFY2(notes.indexOf("Every endpoint") < notes.indexOf(QString::fromStdString(shared)), qPrintable(notes));
        // A note of one endpoint stays under it.
        QVERIFY(notes.indexOf("EGFR") < notes.indexOf("no ImageNet weights were imported"));
    }

    void notesAndProvenanceClose_theReport() {
        const QString notes = pageText(study_, kStudyPages - 1, kStudyPages - 1);
        QVERIFY2(notes.contains("no ImageNet weights were imported"), qPrintable(notes));
        QVERIFY(notes.contains("gradcam_missing.png"));
        const QString provenance = pageText(study_, kStudyPages, kStudyPages);
        QVERIFY2(provenance.contains("Provenance"), qPrintable(provenance));
        QVERIFY(provenance.contains("20240611"));
        QVERIFY(provenance.contains("sha256:9f2c4b1e"));
        QVERIFY(provenance.contains("trained from scratch"));
        QVERIFY(provenance.contains("DenseNet121"));
        // The run's parameters are one long JSON word: wrapped within the page, none of it cut off.
        // (pdftotext -layout sets the row's label, vertically centred, beside a middle line.)
        QString unwrapped = provenance;
        unwrapped.remove(QRegularExpression(QStringLiteral("\\s|parameters")));
        QVERIFY2(unwrapped.contains(QString::fromLatin1(sample::kRunParameters)), qPrintable(provenance));
    }

    // A table that runs over a page never leaves its last row, nor its caption, alone under the
    // repeated header: for every length around a page's capacity, with and without a caption, the
    // last page holds the table's last two rows or more, and its caption.
    void aTablesLastRowNeverStandsAlone() {
        const QString captionText = QStringLiteral("Caption of the table.");
        int split = 0, lastTwoTogether = 0;
        for (int n = 40; n <= 100; ++n)
            for (const bool captioned : {false, true}) {
                const QString pdf = dir_.filePath(QStringLiteral("rows-%1-%2.pdf").arg(n).arg(captioned));
                {
                    report::ReportDocument doc(pdf.toStdString(), QStringLiteral("Rows"), QStringLiteral("Rows"));
                    doc.newPage(QStringLiteral("Rows"));
                    report::TextTable table;
                    table.header = {QStringLiteral("Row"), QStringLiteral("Value")};
                    for (int r = 1; r <= n; ++r)
                        table.rows.push_back({QStringLiteral("row%1").arg(r), QStringLiteral("x")});
                    if (captioned) table.caption = captionText;
                    doc.table(table);
                    doc.finish();
                }
                const int pages = pageCount(pdf);
                if (pages == 1) continue;
                ++split;
                const QString last = pageText(pdf, pages, pages);
                const int rowsOnLast = int(last.count(QRegularExpression(QStringLiteral("\\brow\\d+\\b"))));
                QVERIFY2(rowsOnLast >= 2,
                         qPrintable(QStringLiteral("%1 rows: %2 on the last page").arg(n).arg(rowsOnLast)));
                QVERIFY2(last.contains(QStringLiteral("row%1").arg(n)), qPrintable(last));
                QVERIFY2(!captioned || last.contains(captionText), qPrintable(last));
                lastTwoTogether += rowsOnLast == 2;
            }
        // The lengths tried include one that fills a page and spills its last row (now its last two).
        QVERIFY(split > 0 && lastTwoTogether > 0);
    }

    // Table 1's levels never leave their variable: for every length around a page's capacity, each
    // group of rows (2 to 5 levels, the first named) is on one page, the last with the caption;
    // a group longer than a page names itself again on each page it continues on.
    void aGroupsRowsStayOnOnePage() {
        const auto groupTable = [](const std::vector<int>& sizes) {
            report::TextTable table;
            table.header = {QStringLiteral("Variable"), QStringLiteral("Level"), QStringLiteral("n")};
            for (std::size_t g = 0; g < sizes.size(); ++g) {
                if (g > 0) table.groupStarts.push_back(int(table.rows.size()));
                for (int level = 1; level <= sizes[g]; ++level)
                    table.rows.push_back({level == 1 ? QStringLiteral("var%1").arg(g) : QString(),
                                          QStringLiteral("lev%1-%2").arg(g).arg(level), QString::number(level)});
            }
            table.caption = QStringLiteral("Caption of the table.");
            return table;
        };
        const auto write = [](const QString& pdf, const report::TextTable& table) {
            report::ReportDocument doc(pdf.toStdString(), QStringLiteral("Groups"), QStringLiteral("Groups"));
            doc.newPage(QStringLiteral("Groups"));
            doc.table(table);
            doc.finish();
        };
        const auto pageOf = [](const std::vector<QString>& pages, const QString& word) {
            const QRegularExpression pattern(QStringLiteral("\\b%1\\b").arg(word));
            for (std::size_t page = 0; page < pages.size(); ++page)
                if (pages[page].contains(pattern)) return int(page) + 1;
            return 0;
        };
        int split = 0;
        for (int groups = 14; groups <= 34; ++groups) {
            std::vector<int> sizes;
            for (int g = 0; g < groups; ++g) sizes.push_back(2 + g % 4);
            const QString pdf = dir_.filePath(QStringLiteral("groups-%1.pdf").arg(groups));
            write(pdf, groupTable(sizes));
            std::vector<QString> pages;
            for (int page = 1; page <= pageCount(pdf); ++page) pages.push_back(pageText(pdf, page, page));
            split += pages.size() > 1;
            for (int g = 0; g < groups; ++g) {
                const int named = pageOf(pages, QStringLiteral("var%1").arg(g));
                QVERIFY(named > 0);
                for (int level = 1; level <= sizes[std::size_t(g)]; ++level)
                    QVERIFY2(pageOf(pages, QStringLiteral("lev%1-%2").arg(g).arg(level)) == named,
                             qPrintable(QStringLiteral("%1 groups: level %2 of var%3 is not on var%3's page %4")
                                            .arg(groups)
                                            .arg(level)
                                            .arg(g)
                                            .arg(named)));
            }
            QVERIFY(!pages.back().contains(QStringLiteral("(continued)")));
            QVERIFY(pages.back().contains(QStringLiteral("Caption of the table.")));
        }
        QVERIFY(split > 0);

        const QString longPdf = dir_.filePath(QStringLiteral("long-group.pdf"));
        write(longPdf, groupTable({3, 150, 2}));
        const int pages = pageCount(longPdf);
        QVERIFY(pages >= 3);
        QVERIFY(pageText(longPdf, 1, 1).contains(QRegularExpression(QStringLiteral("\\bvar1\\b"))));
        for (int page = 2; page <= pages; ++page) {
            const QString text = pageText(longPdf, page, page);
            if (text.contains(QRegularExpression(QStringLiteral("\\blev1-\\d+\\b"))))
                QVERIFY2(text.contains(QStringLiteral("var1 (continued)")), qPrintable(text));
        }
    }

    void renderedPagesAreNotBlank_data() {
        QTest::addColumn<int>("page");
        QTest::addColumn<double>("minInk");
        QTest::addColumn<double>("maxInk");
        QTest::addColumn<int>("minColours");
        QTest::newRow("title") << 1 << 0.01 << 0.30 << 8;
        QTest::newRow("roc") << 3 << 0.03 << 0.40 << 30;
        QTest::newRow("heatmap and shap") << 4 << 0.04 << 0.50 << 30;
        QTest::newRow("grad-cam and curves") << 5 << 0.04 << 0.50 << 40;
    }

    void renderedPagesAreNotBlank() {
        QFETCH(int, page);
        QFETCH(double, minInk);
        QFETCH(double, maxInk);
        QFETCH(int, minColours);
        const QImage image = renderPage(study_, page, dir_.filePath(QStringLiteral("page%1").arg(page)));
        QVERIFY(!image.isNull());
        // A4 at 60 dpi.
        QVERIFY(qAbs(image.width() - 496) <= 2 && qAbs(image.height() - 702) <= 2);
        const PageInk ink = measureInk(image);
        QVERIFY2(ink.nonWhiteFraction > minInk && ink.nonWhiteFraction < maxInk,
                 qPrintable(QString::number(ink.nonWhiteFraction)));
        QVERIFY2(ink.distinctColours >= minColours, qPrintable(QString::number(ink.distinctColours)));
        if (page > 1) QVERIFY(ink.hasSaturatedColour);
    }

    void patientReport() {
        const QString pdf = dir_.filePath("patient.pdf");
        writePatientReport(sample::makePatientPrediction(dir_.path()), pdf.toStdString());
        QCOMPARE(pageCount(pdf), 2);
        const QString text = pageText(pdf, 1, 2);
        QVERIFY(text.contains("DRS-7F3A"));
        QVERIFY(text.contains("PD1_PDL1"));
        QVERIFY(text.contains("0.860"));  // PD1_PDL1 probability 0.05 + 9 * 0.09
        QVERIFY(text.contains("0.480"));  // its operating point 0.30 + 9 * 0.02
        QVERIFY(text.contains("positive"));
        QVERIFY(text.contains("negative"));
        QVERIFY(text.contains("research use only", Qt::CaseInsensitive));
        QVERIFY(text.contains("Grad-CAM overlay not found"));
        // Each call says when it is not to be acted on: ALK has 3 test events, and every CI here
        // clears 0.5, so ALK's is the one unreliable call; LVI is in-sample, and page 1 says so.
        QVERIFY2(text.contains("3 of 80") && text.contains(QString::fromUtf8("0.750 [0.630\u20130.870]")),
                 qPrintable(text));
        QCOMPARE(text.count(QRegularExpression(QStringLiteral("not\\s+reliable"))), 1);  // the caption's is "Not"
        QVERIFY2(text.simplified().contains("one of the training patients of the models for LVI"), qPrintable(text));
        // The tumour's size, from the prediction's provenance, under the study and ROI.
        QVERIFY2(text.simplified().contains("Tumour as the ROI outlines it: 14.20 mL; longest diameter 31.4 mm "
                                            "within an axial slice, 36.0 mm in 3D"),
                 qPrintable(text));
        // A study outside the project's files folder is not named (drs predict records no such path by default).
        PatientPrediction unnamed = sample::makePatientPrediction(dir_.path());
        unnamed.studyPath.clear();
        unnamed.maskPath.clear();
        const QString unnamedPdf = dir_.filePath("patient-unnamed.pdf");
        writePatientReport(unnamed, unnamedPdf.toStdString());
        const QString unnamedText = pageText(unnamedPdf, 1, 1).simplified();
        QVERIFY2(unnamedText.contains(
                     "Study: not recorded (not one of the project's own files; drs predict --show-paths records it)"),
                 qPrintable(unnamedText));
        QVERIFY(!unnamedText.contains("/data/study"));
        const PageInk ink = measureInk(renderPage(pdf, 1, dir_.filePath("patient1")));
        QVERIFY(ink.hasSaturatedColour);
        QVERIFY(ink.nonWhiteFraction > 0.03);
    }

    // A word longer than its column (here a provenance key) breaks inside the column instead of
    // running under the next one.
    void aLongWordStaysInItsColumn() {
        const QString key = QStringLiteral("an_identifier_longer_than_its_column_xyz");
        PatientPrediction prediction = sample::makePatientPrediction(dir_.path());
        prediction.provenance[key.toStdString()] = "VALUE-X";
        const QString pdf = dir_.filePath("long-word.pdf");
        writePatientReport(prediction, pdf.toStdString());
        const auto boxes = reporttest::wordBoxes(pdf, 2);
        const auto value = std::find_if(boxes.begin(), boxes.end(), [](const auto& b) { return b.text == "VALUE-X"; });
        QVERIFY(value != boxes.end());
        QString pieces;
        for (const auto& box : boxes)
            if (box.text.size() > 2 && key.contains(box.text) && std::abs(box.yMin - value->yMin) < 20) {
                pieces += box.text;
                QVERIFY2(box.xMax < value->xMin, qPrintable(QStringLiteral("'%1' ends at %2, the value starts at %3")
                                                                .arg(box.text)
                                                                .arg(box.xMax)
                                                                .arg(value->xMin)));
            }
        QCOMPARE(pieces, key);
    }

    // A hyphenated name too wide for its column breaks after the hyphen ("Deep-" over "RadScore"),
    // as in the demo appendix's nine columns, not at whatever letter ends the line ("Deep-RadS").
    void aHyphenatedNameBreaksAtItsHyphen() {
        const QString pdf = dir_.filePath("hyphen.pdf");
        {
            report::ReportDocument doc(pdf.toStdString(), QStringLiteral("Hyphen"), QStringLiteral("Hyphen"));
            doc.newPage(QStringLiteral("Hyphen"));
            report::TextTable table;
            table.header.assign(9, QStringLiteral("Deep-RadScore"));
            table.rows.push_back(std::vector<QString>(9, QStringLiteral("0.5")));
            table.fontPt = 7.5;
            doc.table(table);
            doc.finish();
        }
        QStringList words;
        for (const auto& box : reporttest::wordBoxes(pdf, 1)) words << box.text;
        QCOMPARE(words.count(QStringLiteral("Deep-")), 9);
        QCOMPARE(words.count(QStringLiteral("RadScore")), 9);
    }

    void unwritablePathIsAClearError() {
        const std::string path = "/nonexistent-dir/report.pdf";
        try {
            writeStudyReport(sample::makeStudyEvidence(dir_.path()), path);
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).startsWith("/nonexistent-dir/report.pdf: cannot open for writing"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(Error, writePatientReport(PatientPrediction{}, path));
    }

    void workerThreadIsAClearError() {
        QString message;
        QThread* worker = QThread::create([&] {
            try {
                writePatientReport(PatientPrediction{}, dir_.filePath("thread.pdf").toStdString());
            } catch (const Error& e) {
                message = e.what();
            }
        });
        worker->start();
        QVERIFY(worker->wait(60000));
        delete worker;
        QVERIFY2(message.endsWith("must be written from the application's main thread"), qPrintable(message));
        QVERIFY(!QFile::exists(dir_.filePath("thread.pdf")));
    }

    void failedWriteKeepsThePreviousFile() {
        // A cancelled run must not replace an existing report with a partial one.
        const QString pdf = dir_.filePath("kept.pdf");
        {
            QFile f(pdf);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("previous report");
        }
        CallbackProgress progress([](double, const std::string&) {});
        progress.cancel();
        QVERIFY_THROWS_EXCEPTION(
            Cancelled, writeStudyReport(sample::makeStudyEvidence(dir_.path()), pdf.toStdString(), &progress));
        QFile f(pdf);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("previous report"));
        QCOMPARE(QDir(dir_.path()).entryList({"kept.pdf*"}, QDir::Files), QStringList{"kept.pdf"});
    }

private:
    QTemporaryDir dir_;
    QString study_;
};

QTEST_MAIN(TestReport)
#include "test_report.moc"

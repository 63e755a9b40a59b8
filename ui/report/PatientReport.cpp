// The single-patient report: one new patient's probabilities for every endpoint, with the
// operating point each call is made at and how good that operating point was on the test set.
#include <qcustomplot.h>
#include <QDateTime>
#include <QImage>

#include "core/pipeline/ReportingRules.h"
#include "ui/report/NumberFormat.h"
#include "ui/report/ReportCharts.h"
#include "ui/report/ReportDocument.h"
#include "ui/report/ReportTables.h"
#include "ui/report/ReportWriter.h"

namespace drs {
namespace {

using report::ReportDocument;
using report::TextTable;

QString qs(const std::string& s) { return QString::fromStdString(s); }

void imageOrNote(ReportDocument& doc, const QRectF& rect, const std::string& path, const QString& title,
                 std::vector<QString>& notes) {
    doc.textIn(QRectF(rect.left(), rect.top(), rect.width(), doc.mm(5)), title, ReportDocument::font(8.5, true),
               Qt::AlignHCenter | Qt::AlignTop);
    const QRectF imageRect = rect.adjusted(0, doc.mm(6), 0, 0);
    const QImage image(qs(path));
    if (!image.isNull()) {
        doc.imageIn(imageRect, image);
        return;
    }
    const QString reason = path.empty() ? QStringLiteral("not provided") : QStringLiteral("not found");
    auto& p = doc.painter();
    p.setPen(QPen(QColor(170, 170, 170), doc.mm(0.2), Qt::DashLine));
    p.setBrush(QColor(248, 248, 248));
    p.drawRect(imageRect);
    p.setBrush(Qt::NoBrush);
    doc.textIn(imageRect, title + QStringLiteral(" ") + reason, ReportDocument::font(8, false, true),
               Qt::AlignCenter | Qt::TextWordWrap, QColor(110, 110, 110));
    notes.push_back(title + QStringLiteral(" ") + reason +
                    (path.empty() ? QString() : QStringLiteral(": ") + qs(path)));
}

}  // namespace

void writePatientReport(const PatientPrediction& prediction, const std::string& pdfPath) {
    ReportDocument doc(pdfPath, QStringLiteral("Deep-RadScore patient prediction"),
                       QStringLiteral("DeepRadScore Studio \u2014 patient prediction"));
    std::vector<QString> notes;
    doc.newPage(QStringLiteral("Patient ") + qs(prediction.patientPseudonym));
    doc.paragraph(QStringLiteral("Deep-RadScore prediction"), ReportDocument::font(20, true), QColor(20, 45, 85));
    doc.skip(doc.mm(2));
    doc.paragraph(QStringLiteral("Patient %1  \u00B7  report generated %2")
                      .arg(prediction.patientPseudonym.empty() ? QStringLiteral("(no pseudonym)")
                                                               : qs(prediction.patientPseudonym),
                           QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))),
                  ReportDocument::font(10), QColor(60, 60, 60));
    // Paths outside the project's files folder are not recorded (they often name the patient); say so.
    const auto shown = [](const std::string& path) {
        return path.empty()
                   ? QStringLiteral(
                         "not recorded (not one of the project's own files; drs predict --show-paths records it)")
                   : qs(path);
    };
    QString sources = QStringLiteral("Study: %1\nROI: %2").arg(shown(prediction.studyPath), shown(prediction.maskPath));
    // The size a reader measures, to set beside their own (drs predict records it).
    const auto fact = [&](const char* key) {
        const auto found = prediction.provenance.find(key);
        return found == prediction.provenance.end() ? QString() : qs(found->second);
    };
    bool volumeRead = false;
    const double volumeMm3 = fact("tumour_volume_mm3").toDouble(&volumeRead);
    if (volumeRead && !fact("tumour_max_axial_diameter_mm").isEmpty() && !fact("tumour_max_3d_diameter_mm").isEmpty())
        sources += QStringLiteral(
                       "\nTumour as the ROI outlines it: %1 mL; longest diameter %2 mm within an axial "
                       "slice, %3 mm in 3D")
                       .arg(volumeMm3 / 1000.0, 0, 'f', 2)
                       .arg(fact("tumour_max_axial_diameter_mm"), fact("tumour_max_3d_diameter_mm"));
    doc.paragraph(sources, ReportDocument::font(7.5), QColor(90, 90, 90));
    doc.skip(doc.mm(3));
    doc.paragraph(QStringLiteral("For research use only. These probabilities come from models trained on a "
                                 "research cohort; they are not a diagnosis and must not guide treatment."),
                  ReportDocument::font(8.5, true), QColor(150, 30, 30));
    doc.skip(doc.mm(3));

    doc.heading(QStringLiteral("Predicted probabilities"));
    QStringList inSample;
    for (const auto& e : prediction.endpoints)
        if (e.inSample) inSample << qs(e.endpoint);
    if (!inSample.isEmpty()) {
        doc.paragraph(QStringLiteral("This patient was one of the training patients of the models for %1: those "
                                     "probabilities are not independent estimates, and their calls are marked "
                                     "\"in-sample\".")
                          .arg(inSample.join(QStringLiteral(", "))),
                      ReportDocument::font(8.5, true), QColor(150, 30, 30));
        doc.skip(doc.mm(2));
    }
    TextTable table;
    table.header = {QStringLiteral("Endpoint"),          QStringLiteral("Probability"),
                    QStringLiteral("Operating point"),   QStringLiteral("Call"),
                    QStringLiteral("Test AUC [95% CI]"), QStringLiteral("Test events"),
                    QStringLiteral("Test sensitivity"),  QStringLiteral("Test specificity")};
    table.columnWeights = {1.0, 1.0, 1.0, 1.7, 1.8, 0.8, 1.0, 1.0};
    table.fontPt = 7.5;
    for (std::size_t i = 0; i < prediction.endpoints.size(); ++i) {
        const auto& e = prediction.endpoints[i];
        const bool unreliable = isUnreliableCall(e);
        QString call = e.positive ? QStringLiteral("positive") : QStringLiteral("negative");
        if (unreliable) call += QStringLiteral(", not reliable");
        if (e.inSample) call += QStringLiteral(", in-sample");
        table.rows.push_back({qs(e.endpoint), report::fixed(e.probability), report::fixed(e.threshold), call,
                              report::aucWithCi(e.testAuc, e.testAucCiLow, e.testAucCiHigh),
                              e.testPatients > 0 ? QStringLiteral("%1 of %2").arg(e.testEvents).arg(e.testPatients)
                                                 : QStringLiteral("n/a"),
                              report::fixed(e.testSensitivity), report::fixed(e.testSpecificity)});
        // Bold draws the eye: only to a positive call the model can back.
        if (e.positive && !unreliable && !e.inSample) table.boldRows.push_back(int(i));
    }
    doc.table(table);
    const QString model = prediction.endpoints.empty() ? QString() : qs(prediction.endpoints.front().model);
    doc.paragraph(QStringLiteral("Every probability is the %1 model's. Call: positive when the probability reaches "
                                 "the model's operating point (the Youden threshold of its out-of-fold predictions "
                                 "for the training patients in the nested cross-validation); each endpoint has its "
                                 "own, so probabilities of different endpoints are not comparable. Test: the study's "
                                 "independent test set, where the AUC has its DeLong 95% CI, events are the patients "
                                 "of the rarer class, and sensitivity and specificity are those of the operating "
                                 "point. Not reliable: the AUC's CI reaches 0.5 or the test set held fewer than %2 "
                                 "events, so the model could not be told from chance; do not act on such a call.")
                      .arg(model)
                      .arg(kMinimumTestEvents),
                  ReportDocument::font(7.5, false, true), QColor(70, 70, 70));
    doc.skip(doc.mm(1.5));
    doc.paragraph(QStringLiteral("Abbreviations. LVI: lymphovascular invasion; PI: pleural invasion; T4: T4 stage; "
                                 "EGFR, KRAS, ALK, TP53, PIK3CA, ROS1: the gene's mutation or rearrangement; "
                                 "PD1_PDL1: PD-1/PD-L1 expression; AUC: area under the ROC curve; CI: confidence "
                                 "interval; ROI: region of interest (the tumour outline)."),
                  ReportDocument::font(7.5), QColor(70, 70, 70));
    doc.skip(doc.mm(3));
    if (!prediction.endpoints.empty()) {
        const QRectF band = doc.reserve(doc.mm(16 + 4.8 * double(prediction.endpoints.size())));
        QCustomPlot plot;
        report::setupProbabilityChart(plot, prediction.endpoints);
        doc.plotIn(QRectF(band.left() + doc.mm(15), band.top(), band.width() - doc.mm(30), band.height()), plot);
    } else {
        notes.push_back(QStringLiteral("The prediction holds no endpoint."));
    }
    doc.skip(doc.mm(3));

    // Page 1 holds the calls; page 2 what they were read from and how they were made.
    doc.newPage(QStringLiteral("Patient ") + qs(prediction.patientPseudonym) +
                QStringLiteral(" \u2014 region of interest and provenance"));
    const double side = doc.mm(52);
    doc.heading(QStringLiteral("Region of interest"));
    const QRectF band = doc.reserve(side + doc.mm(8));
    const double gap = (band.width() - 2 * side) / 3;
    imageOrNote(doc, QRectF(band.left() + gap, band.top(), side, side + doc.mm(6)), prediction.patchImage,
                QStringLiteral("Deep patch, tumour outlined"), notes);
    imageOrNote(doc, QRectF(band.left() + 2 * gap + side, band.top(), side, side + doc.mm(6)), prediction.gradCamImage,
                prediction.gradCamEndpoint.empty()
                    ? QStringLiteral("Grad-CAM overlay")
                    : QStringLiteral("Grad-CAM: Deep-CT for %1").arg(qs(prediction.gradCamEndpoint)),
                notes);
    QString caption = QStringLiteral(
        "The deep patch is the 160 \u00D7 160-pixel axial patch centred on the tumour's largest slice that "
        "Deep-CT reads. The magenta line is the edge of the ROI on that slice, drawn on both images so the "
        "reader can check the outlined lesion is the one meant; the network never sees it.");
    if (!prediction.gradCamEndpoint.empty())
        caption += QStringLiteral(
                       " Grad-CAM shows where the Deep-CT network's output for %1 (the endpoint with the "
                       "highest probability) was raised most: the warmer the colour (blue, green, yellow, "
                       "red), the stronger. It explains that network, one of the inputs of the %2 model, "
                       "not the call itself.")
                       .arg(qs(prediction.gradCamEndpoint), model);
    doc.paragraph(caption, ReportDocument::font(7.5, false, true), QColor(70, 70, 70));

    doc.skip(doc.mm(4));
    doc.heading(QStringLiteral("Provenance"));
    doc.table(report::provenanceTable(prediction.provenance));
    if (!notes.empty()) {
        doc.subheading(QStringLiteral("Notes"));
        for (const auto& note : notes) doc.paragraph(QStringLiteral("\u2022  ") + note, ReportDocument::font(8.5));
    }
    doc.finish();
}

}  // namespace drs

// The single-patient report: one new patient's probabilities for every endpoint, with the
// operating point each call is made at and how good that operating point was on the test set.
#include <qcustomplot.h>
#include <QDateTime>
#include <QImage>

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
    // Paths outside the project are not recorded (they often name the patient); say so.
    const auto shown = [](const std::string& path) {
        return path.empty() ? QStringLiteral("not recorded (outside the project; drs predict --show-paths records it)")
                            : qs(path);
    };
    doc.paragraph(QStringLiteral("Study: %1\nROI: %2").arg(shown(prediction.studyPath), shown(prediction.maskPath)),
                  ReportDocument::font(7.5), QColor(90, 90, 90));
    doc.skip(doc.mm(3));
    doc.paragraph(QStringLiteral("For research use only. These probabilities come from models trained on a "
                                 "research cohort; they are not a diagnosis and must not guide treatment."),
                  ReportDocument::font(8.5, true), QColor(150, 30, 30));
    doc.skip(doc.mm(3));

    doc.heading(QStringLiteral("Predicted probabilities"));
    TextTable table;
    table.header = {QStringLiteral("Endpoint"),
                    QStringLiteral("Model"),
                    QStringLiteral("Probability"),
                    QStringLiteral("Operating point"),
                    QStringLiteral("Call"),
                    QStringLiteral("Test AUC"),
                    QStringLiteral("Test sensitivity"),
                    QStringLiteral("Test specificity")};
    table.columnWeights = {1.0, 1.4, 1.0, 1.0, 0.9, 0.9, 1.0, 1.0};
    for (std::size_t i = 0; i < prediction.endpoints.size(); ++i) {
        const auto& e = prediction.endpoints[i];
        table.rows.push_back({qs(e.endpoint), qs(e.model), report::fixed(e.probability), report::fixed(e.threshold),
                              e.positive ? QStringLiteral("positive") : QStringLiteral("negative"),
                              report::fixed(e.testAuc), report::fixed(e.testSensitivity),
                              report::fixed(e.testSpecificity)});
        if (e.positive) table.boldRows.push_back(int(i));
    }
    doc.table(table);
    doc.paragraph(QStringLiteral("Call: positive when the probability reaches the model's operating point (the "
                                 "Youden threshold of its out-of-fold predictions for the training patients in the "
                                 "nested cross-validation). Sensitivity and specificity are those of that operating "
                                 "point on the study's independent test set."),
                  ReportDocument::font(7.5, false, true), QColor(70, 70, 70));
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

    const double side = doc.mm(52);
    doc.ensureSpace(side + doc.mm(22));  // the heading stays with its images
    doc.heading(QStringLiteral("Region of interest"));
    const QRectF band = doc.reserve(side + doc.mm(8));
    const double gap = (band.width() - 2 * side) / 3;
    imageOrNote(doc, QRectF(band.left() + gap, band.top(), side, side + doc.mm(6)), prediction.patchImage,
                QStringLiteral("Deep patch with ROI outline"), notes);
    imageOrNote(doc, QRectF(band.left() + 2 * gap + side, band.top(), side, side + doc.mm(6)), prediction.gradCamImage,
                QStringLiteral("Grad-CAM overlay"), notes);

    doc.newPage(QStringLiteral("Provenance"));
    doc.heading(QStringLiteral("Provenance"));
    doc.table(report::provenanceTable(prediction.provenance));
    if (!notes.empty()) {
        doc.subheading(QStringLiteral("Notes"));
        for (const auto& note : notes) doc.paragraph(QStringLiteral("\u2022  ") + note, ReportDocument::font(8.5));
    }
    doc.finish();
}

}  // namespace drs

#pragma once
#include <QString>
#include <QWidget>

#include "core/pipeline/Evidence.h"

class QComboBox;
class QCustomPlot;
class QGridLayout;
class QLabel;
class QSplitter;
class QTabWidget;
class QTableWidget;
class QVBoxLayout;

namespace drs::ui {

// A run's evidence on screen: the endpoint list with the three models' test AUC [DeLong CI], and
// per endpoint the tabs ROC, metrics (Table 3, paired DeLong tests, classifier panel, RadScore
// composition), the distribution of every classifier's CV AUC across repeats (or folds), correlation heatmap, SHAP,
// calibration and decision curves, Grad-CAM images, and the run's validations on locked external cohorts beside its
// internal test set. The endpoint list gets one column per external cohort (its Deep-RadScore AUC). Charts and tables
// come from ui/report, so the screen shows what the PDF prints.
class EvidenceView : public QWidget {
    Q_OBJECT
public:
    // One external cohort's validation of the shown endpoint, as on screen.
    struct ExternalSection {
        QString cohort;
        QLabel* summary = nullptr;
        QLabel* descriptive = nullptr;             // "Descriptive only" when the cohort has fewer than 10 events
        QCustomPlot* roc = nullptr;                // null when the cohort could not be evaluated
        QTableWidget* validation = nullptr;        // internal test beside external (report::externalValidationTable)
        QTableWidget* thresholdMetrics = nullptr;  // at the run's thresholds
        QTableWidget* delong = nullptr;            // paired DeLong on the external patients
        QLabel* notes = nullptr;
    };

    // The three models of every endpoint, in the evidence's order (the endpoint list's columns).
    static const QStringList& modelNames();

    explicit EvidenceView(QWidget* parent = nullptr);

    // gradCamFolder: where the run keeps its images now; an image recorded elsewhere (a project
    // moved since the run) is looked up there by file name.
    void showEvidence(const StudyEvidence& evidence, const QString& gradCamFolder);
    // No evidence: the list empties and the message says why.
    void showMessage(const QString& message);
    bool selectEndpoint(const QString& endpoint);
    QString currentEndpoint() const;

    QTableWidget* endpointTable() const { return endpointTable_; }
    QTabWidget* tabs() const { return tabs_; }
    QLabel* messageLabel() const { return messageLabel_; }
    QCustomPlot* rocPlot() const { return rocPlot_; }
    QCustomPlot* correlationPlot() const { return correlationPlot_; }
    QCustomPlot* shapBarPlot() const { return shapBarPlot_; }
    QCustomPlot* shapSwarmPlot() const { return shapSwarmPlot_; }
    QCustomPlot* calibrationPlot() const { return calibrationPlot_; }
    QCustomPlot* decisionPlot() const { return decisionPlot_; }
    // The CV AUCs tab: the chart (null when the evidence has no fold AUCs), what it plots per
    // classifier (report::CvAucPoints as int item data), and its caption.
    QWidget* cvAucTab() const { return cvAucTab_; }
    QCustomPlot* cvAucPlot() const { return cvAucPlot_; }
    QComboBox* cvAucPointsChooser() const { return cvAucChooser_; }
    QLabel* cvAucCaption() const { return cvAucCaption_; }
    QTableWidget* metricsTable() const { return metricsTable_; }
    QTableWidget* delongTable() const { return delongTable_; }
    QTableWidget* panelTable() const { return panelTable_; }
    QTableWidget* calibrationTable() const { return calibrationTable_; }
    QTableWidget* compositionTable() const { return compositionTable_; }
    // The External validation tab: one section per cohort that validated the shown endpoint.
    const QList<ExternalSection>& externalSections() const { return externalSections_; }
    QLabel* externalMessage() const { return externalMessage_; }
    QWidget* externalTab() const { return externalTab_; }
    void showExternalTab();
    // The endpoint list's column of an external cohort's Deep-RadScore AUC; -1 when there is none.
    int externalColumn(const QString& cohort) const;
    // The Grad-CAM tab's images (null pixmaps for files that could not be read).
    QList<QLabel*> gradCamLabels() const;

signals:
    void endpointShown(const QString& endpoint);

private:
    void buildTabs();
    // The three models' test AUCs, then one column per external cohort of the evidence.
    void setEndpointHeader();
    void showEndpoint(int row);
    void showExternalValidations(const EndpointEvidence& internal);
    void showCvAucChart();
    // The endpoint table at its rows' height (at least its minimum), the charts below taking the rest,
    // until the user moves the splitter.
    void fitTableToRows();
    void clearEndpoint();
    QString gradCamPath(const std::string& recorded) const;

    QSplitter* splitter_ = nullptr;
    bool splitterMovedByUser_ = false;
    QTableWidget* endpointTable_ = nullptr;
    QLabel* messageLabel_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    QLabel* endpointSummary_ = nullptr;
    QVBoxLayout* rocHolder_ = nullptr;
    QVBoxLayout* correlationHolder_ = nullptr;
    QVBoxLayout* shapBarHolder_ = nullptr;
    QVBoxLayout* shapSwarmHolder_ = nullptr;
    QVBoxLayout* calibrationHolder_ = nullptr;
    QVBoxLayout* decisionHolder_ = nullptr;
    QCustomPlot* rocPlot_ = nullptr;
    QCustomPlot* correlationPlot_ = nullptr;
    QCustomPlot* shapBarPlot_ = nullptr;
    QCustomPlot* shapSwarmPlot_ = nullptr;
    QCustomPlot* calibrationPlot_ = nullptr;
    QCustomPlot* decisionPlot_ = nullptr;
    QWidget* cvAucTab_ = nullptr;
    QVBoxLayout* cvAucHolder_ = nullptr;
    QCustomPlot* cvAucPlot_ = nullptr;
    QComboBox* cvAucChooser_ = nullptr;
    QLabel* cvAucCaption_ = nullptr;
    QLabel* correlationCaption_ = nullptr;
    QLabel* shapCaption_ = nullptr;
    QTableWidget* metricsTable_ = nullptr;
    QTableWidget* delongTable_ = nullptr;
    QTableWidget* panelTable_ = nullptr;
    QTableWidget* calibrationTable_ = nullptr;
    QTableWidget* compositionTable_ = nullptr;
    QLabel* notesLabel_ = nullptr;
    QWidget* gradCamGrid_ = nullptr;
    QGridLayout* gradCamLayout_ = nullptr;
    QWidget* externalTab_ = nullptr;
    QVBoxLayout* externalLayout_ = nullptr;
    QLabel* externalMessage_ = nullptr;
    QList<ExternalSection> externalSections_;

    StudyEvidence evidence_;
    QString gradCamFolder_;
};

}  // namespace drs::ui

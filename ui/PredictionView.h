#pragma once
#include <QWidget>

#include "core/pipeline/Evidence.h"

class QCustomPlot;
class QLabel;
class QTableWidget;
class QVBoxLayout;

namespace drs::ui {

// One patient's predictions: the probability of every endpoint against its operating point
// (the patient report's chart), the table of calls with the models' test performance, and the
// deep patch with its Grad-CAM overlay.
class PredictionView : public QWidget {
    Q_OBJECT
public:
    explicit PredictionView(QWidget* parent = nullptr);

    void showPrediction(const PatientPrediction& prediction);
    void clear();

    QCustomPlot* probabilityPlot() const { return plot_; }
    QTableWidget* table() const { return table_; }
    QLabel* titleLabel() const { return title_; }
    QLabel* gradCamTitle() const { return gradCamTitle_; }

private:
    QLabel* title_ = nullptr;
    QVBoxLayout* plotHolder_ = nullptr;
    QCustomPlot* plot_ = nullptr;
    QTableWidget* table_ = nullptr;
    QLabel* patchImage_ = nullptr;
    QLabel* gradCamImage_ = nullptr;
    QLabel* gradCamTitle_ = nullptr;
};

}  // namespace drs::ui

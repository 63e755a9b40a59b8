#pragma once
#include <QString>
#include <QWidget>

class QCustomPlot;
class QLabel;
class QPushButton;
class QTableView;
class QVBoxLayout;

namespace drs::ui {

class BackboneComparisonModel;

// The backbone comparison on screen: a table written by `drs deep-compare --out TABLE.csv`
// (Deep-CT trained once per backbone on the same patients) opened here, as a chart of each
// backbone's training, validation and test AUC with 95% CIs and as Table 2 (BackboneComparisonModel),
// the chosen backbone (best validation AUC) marked, beside the backbone the open run used.
class BackboneComparisonView : public QWidget {
    Q_OBJECT
public:
    explicit BackboneComparisonView(QWidget* parent = nullptr);

    // Reads the table; on an error keeps what was shown, says why in the message and emits errorOccurred.
    bool open(const QString& path);
    // The Deep-CT backbone of the run on screen ("" when there is none), named in the summary.
    void setRunBackbone(const QString& backbone);

    QPushButton* openButton() const { return openButton_; }
    QLabel* summary() const { return summary_; }
    QTableView* table() const { return table_; }
    BackboneComparisonModel* model() const { return model_; }
    QCustomPlot* chart() const { return chart_; }  // null until a table is open

signals:
    void errorOccurred(const QString& message);

private:
    void showSummary();

    QPushButton* openButton_ = nullptr;
    QLabel* summary_ = nullptr;
    QTableView* table_ = nullptr;
    BackboneComparisonModel* model_ = nullptr;
    QVBoxLayout* chartHolder_ = nullptr;
    QCustomPlot* chart_ = nullptr;
    QString path_, runBackbone_;
};

}  // namespace drs::ui

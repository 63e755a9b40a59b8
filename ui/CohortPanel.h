#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <QString>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QUndoStack;

namespace drs::ui {

class CohortModel;

// The coordinator's tab: the project overview (patients, studies, ROIs, labels per endpoint, runs)
// and the cohort table, sortable and filterable, whose label cells are edited in place. Every
// label edit needs a reason, is stored with it at once (label_changes) and can be undone and
// redone; runs based on labels changed since are marked in their column. Each read and edit opens
// its own short connection on the GUI thread (a label edit is one small transaction), so the panel
// holds no file open between them.
class CohortPanel : public QWidget {
    Q_OBJECT
public:
    explicit CohortPanel(QWidget* parent = nullptr);
    ~CohortPanel() override;

    // Creates an empty project database (refused when the file exists) and opens it.
    bool createProject(const QString& path);
    // Opens an existing project (a missing file or one that is not a project is refused with
    // errorOccurred) and shows it. Clears the undo history.
    bool openProject(const QString& path);
    // Reads the project again (after an import or a run), keeping the undo history.
    void reload();
    QString projectPath() const { return projectPath_; }

    // Stores a label change as an undoable command; false (and errorOccurred) when refused.
    bool changeLabel(std::int64_t patientId, const std::string& endpoint, std::optional<int> value);

    CohortModel* model() const { return model_; }
    QSortFilterProxyModel* proxy() const { return proxy_; }
    QTableView* table() const { return table_; }
    QLineEdit* filterEdit() const { return filterEdit_; }
    QLineEdit* reasonEdit() const { return reasonEdit_; }
    QUndoStack* undoStack() const { return undoStack_; }
    QLabel* overviewLabel() const { return overview_; }
    QPushButton* importButton() const { return importButton_; }

signals:
    void projectOpened(const QString& path);
    // Labels or patients changed: other views of the project should read it again.
    void projectChanged();
    void importRequested();
    // A double click on a patient's own columns: open its study and ROI in the viewer.
    void patientOpenRequested(qint64 patientId);
    void errorOccurred(const QString& message);

private:
    friend class LabelCommand;
    // Writes the label (the command's redo and undo) over the value the table showed (`seen`);
    // false and errorOccurred when it fails, e.g. when someone else changed the label meanwhile.
    bool writeLabel(std::int64_t patientId, const std::string& endpoint, std::optional<int> seen,
                    std::optional<int> value, const std::string& reason);
    void showOverview();

    QString projectPath_;
    CohortModel* model_ = nullptr;
    QSortFilterProxyModel* proxy_ = nullptr;
    QTableView* table_ = nullptr;
    QLineEdit* filterEdit_ = nullptr;
    QLineEdit* reasonEdit_ = nullptr;
    QUndoStack* undoStack_ = nullptr;
    QLabel* overview_ = nullptr;
    QLabel* projectLabel_ = nullptr;
    QPushButton* importButton_ = nullptr;
};

}  // namespace drs::ui

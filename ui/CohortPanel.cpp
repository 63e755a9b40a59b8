#include "ui/CohortPanel.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>
#include <set>

#include "core/project/Labels.h"
#include "core/project/Overview.h"
#include "core/project/ProjectDb.h"
#include "core/util/Error.h"
#include "ui/CohortModel.h"
#include "ui/TableTools.h"

namespace drs::ui {

namespace {

QString labelText(std::optional<int> value) { return value ? QString::number(*value) : CohortPanel::tr("unknown"); }

}  // namespace

// One label edit. Redo stores the new value with the user's reason, undo the old one with
// "undo: reason"; both are recorded in label_changes like any other edit.
class LabelCommand : public QUndoCommand {
public:
    LabelCommand(CohortPanel& panel, std::int64_t patientId, const QString& pseudonym, std::string endpoint,
                 std::optional<int> oldValue, std::optional<int> newValue, std::string reason)
        : panel_(panel),
          patientId_(patientId),
          endpoint_(std::move(endpoint)),
          old_(oldValue),
          new_(newValue),
          reason_(std::move(reason)) {
        setText(CohortPanel::tr("%1 of %2: %3 -> %4")
                    .arg(QString::fromStdString(endpoint_), pseudonym, labelText(old_), labelText(new_)));
    }
    void redo() override {
        if (!panel_.writeLabel(patientId_, endpoint_, old_, new_, reason_)) setObsolete(true);
    }
    void undo() override {
        if (!panel_.writeLabel(patientId_, endpoint_, new_, old_, "undo: " + reason_)) setObsolete(true);
    }

private:
    CohortPanel& panel_;
    std::int64_t patientId_;
    std::string endpoint_;
    std::optional<int> old_, new_;
    std::string reason_;
};

CohortPanel::CohortPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Project:"), this));
    projectLabel_ = new QLabel(tr("none"), this);
    projectLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    top->addWidget(projectLabel_, 1);
    importButton_ = new QPushButton(tr("Import studies..."), this);
    importButton_->setToolTip(
        tr("Import a folder of studies and a clinical CSV; a preview shows what will be "
           "imported and what is refused before anything is written."));
    connect(importButton_, &QPushButton::clicked, this, &CohortPanel::importRequested);
    top->addWidget(importButton_);
    layout->addLayout(top);

    overview_ = new QLabel(this);
    overview_->setObjectName(QStringLiteral("projectOverview"));
    overview_->setTextFormat(Qt::RichText);
    overview_->setWordWrap(true);
    layout->addWidget(overview_);

    undoStack_ = new QUndoStack(this);
    auto* tools = new QHBoxLayout;
    tools->addWidget(new QLabel(tr("Filter:"), this));
    filterEdit_ = new QLineEdit(this);
    filterEdit_->setPlaceholderText(tr("pseudonym, centre, label, subset..."));
    filterEdit_->setClearButtonEnabled(true);
    tools->addWidget(filterEdit_, 1);
    tools->addWidget(new QLabel(tr("Reason for label changes:"), this));
    reasonEdit_ = new QLineEdit(this);
    reasonEdit_->setPlaceholderText(tr("e.g. pathology review of 2024-03"));
    tools->addWidget(reasonEdit_, 2);
    for (QAction* action :
         {undoStack_->createUndoAction(this, tr("Undo")), undoStack_->createRedoAction(this, tr("Redo"))}) {
        auto* button = new QToolButton(this);
        button->setDefaultAction(action);
        tools->addWidget(button);
    }
    layout->addLayout(tools);

    model_ = new CohortModel(this);
    model_->setLabelWriter([this](std::int64_t patientId, const std::string& endpoint, std::optional<int> value) {
        return changeLabel(patientId, endpoint, value);
    });
    proxy_ = new QSortFilterProxyModel(this);
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(CohortModel::SortRole);
    proxy_->setFilterKeyColumn(-1);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    connect(filterEdit_, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);
    table_ = new QTableView(this);
    table_->setObjectName(QStringLiteral("cohortTable"));
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(CohortModel::Pseudonym, Qt::AscendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectItems);
    table_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                            QAbstractItemView::AnyKeyPressed);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->verticalHeader()->hide();
    equipTable(*table_);
    // A label cell edits on a double click; the patient's other cells open the patient instead,
    // as a row of 3D Slicer's DICOM browser loads its series.
    connect(table_, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        const QModelIndex source = proxy_->mapToSource(index);
        if (!source.isValid() || source.column() >= CohortModel::FirstEndpoint) return;
        emit patientOpenRequested(model_->listing().rows[static_cast<std::size_t>(source.row())].patientId);
    });
    layout->addWidget(table_, 1);
    showOverview();
}

CohortPanel::~CohortPanel() = default;

bool CohortPanel::createProject(const QString& path) {
    if (QFileInfo::exists(path)) {
        emit errorOccurred(tr("%1 already exists. Open it with Open project..., or choose another name.").arg(path));
        return false;
    }
    try {
        // Creating the database is all a new project needs: the engine makes its schema on first
        // open, and pseudonyms use the site key kept outside the project.
        project::ProjectDb created(path.toStdString());
    } catch (const std::exception& e) {
        emit errorOccurred(QString::fromUtf8(e.what()));
        return false;
    }
    return openProject(path);
}

bool CohortPanel::openProject(const QString& path) {
    // Opening a path that does not exist would create a project: refuse that here.
    if (!QFileInfo(path).isFile()) {
        emit errorOccurred(tr("%1: no such project database file.").arg(path));
        return false;
    }
    const QString absolute = QFileInfo(path).absoluteFilePath();
    try {
        project::ProjectDb db(absolute.toStdString());
    } catch (const std::exception& e) {
        emit errorOccurred(QString::fromUtf8(e.what()));
        return false;
    }
    undoStack_->clear();  // its commands belong to the previous project
    projectPath_ = absolute;
    projectLabel_->setText(absolute);
    reload();
    emit projectOpened(absolute);
    return true;
}

void CohortPanel::reload() {
    if (projectPath_.isEmpty()) return;
    try {
        project::ProjectDb db(projectPath_.toStdString());
        project::LabelRepository labels(db);
        std::set<std::int64_t> superseded;
        for (const auto& use : labels.supersededRuns()) superseded.insert(use.runId);
        model_->setListing(project::readCohortListing(db), superseded);
    } catch (const std::exception& e) {
        emit errorOccurred(QString::fromUtf8(e.what()));
    }
    showOverview();
}

void CohortPanel::showOverview() {
    if (projectPath_.isEmpty()) {
        overview_->setText(tr("No project open. Create one with File > New project..., or open one."));
        return;
    }
    project::ProjectOverview overview;
    try {
        project::ProjectDb db(projectPath_.toStdString());
        overview = project::readOverview(db);
    } catch (const std::exception& e) {
        overview_->setText(QString::fromUtf8(e.what()).toHtmlEscaped());
        return;
    }
    QString text = tr("<b>%1</b> patients, <b>%2</b> studies, <b>%3</b> ROIs (%4 edited)")
                       .arg(overview.patients)
                       .arg(overview.studies)
                       .arg(overview.rois)
                       .arg(overview.editedRois);
    text += tr("; <b>%1</b> runs (%2 finished").arg(overview.runs).arg(overview.finishedRuns);
    if (overview.staleRuns > 0) text += tr(", %1 on edited outlines").arg(overview.staleRuns);
    if (overview.supersededLabelRuns > 0) text += tr(", %1 on superseded labels").arg(overview.supersededLabelRuns);
    text += tr("); %1 label changes recorded.").arg(overview.labelChanges);
    if (!overview.endpoints.empty()) {
        QStringList endpoints;
        for (const auto& e : overview.endpoints)
            endpoints << tr("%1: %2 positive, %3 negative, %4 unknown")
                             .arg(QString::fromStdString(e.name))
                             .arg(e.positives)
                             .arg(e.negatives)
                             .arg(e.unlabelled);
        text += QStringLiteral("<br>") + endpoints.join(QStringLiteral("; "));
    } else {
        text += QStringLiteral("<br>") + tr("No endpoints yet: import studies and a clinical CSV.");
    }
    overview_->setText(text);
}

bool CohortPanel::changeLabel(std::int64_t patientId, const std::string& endpoint, std::optional<int> value) {
    const std::string reason = reasonEdit_->text().trimmed().toStdString();
    if (reason.empty()) {
        emit errorOccurred(tr("Enter a reason for the label change first (it is recorded with the change)."));
        return false;
    }
    const int row = model_->rowOfPatient(patientId);
    const int column = model_->endpointColumn(endpoint);
    if (projectPath_.isEmpty() || row < 0 || column < 0) return false;
    const auto old = model_->label(row, column - CohortModel::FirstEndpoint);
    const int before = undoStack_->count();
    undoStack_->push(new LabelCommand(*this, patientId,
                                      model_->data(model_->index(row, CohortModel::Pseudonym)).toString(), endpoint,
                                      old, value, reason));
    return undoStack_->count() > before;  // an obsolete (failed) command is not kept
}

bool CohortPanel::writeLabel(std::int64_t patientId, const std::string& endpoint, std::optional<int> seen,
                             std::optional<int> value, const std::string& reason) {
    std::set<std::int64_t> superseded;
    try {
        project::ProjectDb db(projectPath_.toStdString());
        project::LabelRepository labels(db);
        labels.changeFrom(patientId, endpoint, seen, value, reason);
        // Which runs are on superseded labels follows from the change (an undo may clear a mark).
        for (const auto& use : labels.supersededRuns()) superseded.insert(use.runId);
    } catch (const project::LabelConflict& e) {
        emit errorOccurred(QString::fromUtf8(e.what()));
        reload();  // show the value that won
        return false;
    } catch (const std::exception& e) {
        emit errorOccurred(QString::fromUtf8(e.what()));
        return false;
    }
    model_->showLabel(patientId, endpoint, value);
    model_->setRunsOnSupersededLabels(superseded);
    showOverview();
    emit projectChanged();
    return true;
}

}  // namespace drs::ui

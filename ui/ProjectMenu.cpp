#include "ui/ProjectMenu.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

#include "ui/CohortPanel.h"
#include "ui/ImportWizard.h"

namespace drs::ui {

namespace {
const QString kRecentKey = QStringLiteral("projects/recent");
// Named explicitly: the same settings whether or not the application set an organisation name.
const QString kOrganisation = QStringLiteral("DeepRadScore");
const QString kApplication = QStringLiteral("DeepRadScore Studio");
}  // namespace

ProjectMenu::ProjectMenu(QMenu& fileMenu, QAction* before, CohortPanel& cohort, OpenProject openProject,
                         QWidget* window)
    : QObject(&fileMenu), cohort_(cohort), openProject_(std::move(openProject)), window_(window) {
    newProject_ = new QAction(tr("&New project..."), this);
    newProject_->setShortcut(QKeySequence::New);
    connect(newProject_, &QAction::triggered, this, &ProjectMenu::chooseNewProject);
    recent_ = new QMenu(tr("&Recent projects"), &fileMenu);
    connect(recent_, &QMenu::aboutToShow, this, &ProjectMenu::fillRecentMenu);
    import_ = new QAction(tr("&Import studies..."), this);
    connect(import_, &QAction::triggered, this, &ProjectMenu::startImport);
    connect(&cohort_, &CohortPanel::importRequested, this, &ProjectMenu::startImport);
    fileMenu.insertAction(before, newProject_);
    if (before) {
        fileMenu.insertMenu(before, recent_);
        fileMenu.insertAction(before, import_);
    } else {
        fileMenu.addMenu(recent_);
        fileMenu.addAction(import_);
    }
    fillRecentMenu();
}

QStringList ProjectMenu::recentProjects() {
    QStringList existing;
    const QSettings settings(kOrganisation, kApplication);
    for (const QString& path : settings.value(kRecentKey).toStringList())
        if (QFileInfo(path).isFile()) existing << path;
    return existing;
}

void ProjectMenu::rememberProject(const QString& path) {
    QSettings settings(kOrganisation, kApplication);
    QStringList recent = settings.value(kRecentKey).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > kMaxRecent) recent.removeLast();
    settings.setValue(kRecentKey, recent);
}

void ProjectMenu::fillRecentMenu() {
    recent_->clear();
    const QStringList recent = recentProjects();
    for (const QString& path : recent)
        recent_->addAction(
            QFileInfo(path).fileName() + QStringLiteral("  (") + QFileInfo(path).absolutePath() + QStringLiteral(")"),
            this, [this, path] { openProject_(path); });
    if (recent.isEmpty()) recent_->addAction(tr("(none)"))->setEnabled(false);
}

void ProjectMenu::chooseNewProject() {
    QString path =
        QFileDialog::getSaveFileName(window_, tr("New project"), QString(), tr("Project databases (*.sqlite)"), nullptr,
                                     QFileDialog::DontConfirmOverwrite);
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".sqlite");
    if (cohort_.createProject(path)) emit projectCreated(cohort_.projectPath());
}

ImportWizard* ProjectMenu::startImport() {
    if (cohort_.projectPath().isEmpty()) {
        emit cohort_.errorOccurred(tr("Create or open a project first: studies are imported into a project."));
        return nullptr;
    }
    if (wizard_) {
        wizard_->raise();
        wizard_->activateWindow();
        return wizard_;
    }
    wizard_ = new ImportWizard(cohort_.projectPath(), window_);
    wizard_->setAttribute(Qt::WA_DeleteOnClose);
    const QString project = cohort_.projectPath();
    connect(wizard_, &ImportWizard::imported, this, [this, project] { emit imported(project); });
    wizard_->show();
    return wizard_;
}

}  // namespace drs::ui

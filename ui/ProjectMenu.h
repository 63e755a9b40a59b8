#pragma once
#include <functional>

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include "ui/ImportWizard.h"

class QAction;
class QMenu;
class QWidget;

namespace drs::ui {

class CohortPanel;

// The File menu's project entries besides Open: New project..., Recent projects (kept in
// QSettings, newest first) and Import studies... (the import wizard on the open project).
class ProjectMenu : public QObject {
    Q_OBJECT
public:
    using OpenProject = std::function<void(const QString& path)>;
    // Adds the entries to fileMenu before `before` (appended when null).
    ProjectMenu(QMenu& fileMenu, QAction* before, CohortPanel& cohort, OpenProject openProject, QWidget* window);

    static constexpr int kMaxRecent = 8;
    // Recent projects that still exist, newest first.
    static QStringList recentProjects();
    static void rememberProject(const QString& path);

    QAction* newProjectAction() const { return newProject_; }
    QAction* importAction() const { return import_; }
    QMenu* recentMenu() const { return recent_; }
    // The import wizard on the cohort panel's project (non-modal, deleted when closed); null and an
    // error when no project is open.
    ImportWizard* startImport();
    ImportWizard* importWizard() const { return wizard_; }

signals:
    void projectCreated(const QString& path);
    // Studies were imported: views of the project should read it again.
    void imported(const QString& projectPath);

private:
    void chooseNewProject();
    void fillRecentMenu();

    CohortPanel& cohort_;
    OpenProject openProject_;
    QWidget* window_;
    QAction* newProject_ = nullptr;
    QAction* import_ = nullptr;
    QMenu* recent_ = nullptr;
    QPointer<ImportWizard> wizard_;
};

}  // namespace drs::ui

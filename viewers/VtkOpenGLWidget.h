#pragma once
#include <memory>

#include <QOpenGLWidget>

class vtkRenderer;
class vtkRenderWindow;

namespace drs::viewers {

// Hosts a VTK 9.1 scene in a Qt6 QOpenGLWidget without VTK's Qt module (Debian builds that
// against Qt5). VTK renders into its own framebuffers inside the widget's context; paintGL then
// copies VTK's display framebuffer into the widget's framebuffer. Mouse and wheel events drive
// a trackball camera. Use grabFramebuffer() for screenshots.
class VtkOpenGLWidget : public QOpenGLWidget {
    Q_OBJECT
public:
    explicit VtkOpenGLWidget(QWidget* parent = nullptr);
    ~VtkOpenGLWidget() override;

    vtkRenderer* renderer() const;
    vtkRenderWindow* renderWindow() const;

protected:
    void initializeGL() override;
    void resizeGL(int width, int height) override;
    void paintGL() override;

    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;

private:
    void forwardMouse(QMouseEvent* event, unsigned long vtkEvent);
    void releaseGraphics();

    struct Vtk;
    std::unique_ptr<Vtk> vtk_;
};

}  // namespace drs::viewers

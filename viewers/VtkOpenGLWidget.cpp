#include "viewers/VtkOpenGLWidget.h"

#include "viewers/VtkFrame.h"

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkInteractorStyleTrackballCamera.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QWheelEvent>
#include <cmath>

namespace drs::viewers {

struct VtkOpenGLWidget::Vtk {
    vtkSmartPointer<vtkGenericOpenGLRenderWindow> window = vtkSmartPointer<vtkGenericOpenGLRenderWindow>::New();
    vtkSmartPointer<vtkGenericRenderWindowInteractor> interactor =
        vtkSmartPointer<vtkGenericRenderWindowInteractor>::New();
    vtkSmartPointer<vtkRenderer> renderer = vtkSmartPointer<vtkRenderer>::New();
    vtkSmartPointer<vtkCallbackCommand> windowCallback = vtkSmartPointer<vtkCallbackCommand>::New();
    vtkSmartPointer<vtkCallbackCommand> renderRequest = vtkSmartPointer<vtkCallbackCommand>::New();
    QOpenGLContext* context = nullptr;  // the widget's, known from initializeGL on
    QSurface* surface = nullptr;
};

VtkOpenGLWidget::VtkOpenGLWidget(QWidget* parent) : QOpenGLWidget(parent), vtk_(std::make_unique<Vtk>()) {
    setMinimumSize(160, 160);
    setFocusPolicy(Qt::StrongFocus);
    auto& window = *vtk_->window;
    window.SetMultiSamples(0);
    window.SetFrameBlitModeToNoBlit();
    window.SetReadyForRendering(false);
    window.AddRenderer(vtk_->renderer);

    // Answers VTK's questions about the OpenGL context it does not own.
    vtk_->windowCallback->SetClientData(vtk_.get());
    vtk_->windowCallback->SetCallback([](vtkObject*, unsigned long eventId, void* clientData, void* callData) {
        auto* vtk = static_cast<Vtk*>(clientData);
        switch (eventId) {
        case vtkCommand::WindowIsCurrentEvent:
            *static_cast<bool*>(callData) = vtk->context != nullptr && QOpenGLContext::currentContext() == vtk->context;
            break;
        case vtkCommand::WindowMakeCurrentEvent:
            // The context itself, not QOpenGLWidget::makeCurrent(): that would rebind Qt's
            // framebuffer in the middle of VTK's render.
            if (vtk->context && QOpenGLContext::currentContext() != vtk->context)
                vtk->context->makeCurrent(vtk->surface);
            break;
        case vtkCommand::WindowSupportsOpenGLEvent:
        case vtkCommand::WindowIsDirectEvent: *static_cast<int*>(callData) = 1; break;
        default: break;
        }
    });
    for (unsigned long eventId : {vtkCommand::WindowIsCurrentEvent, vtkCommand::WindowMakeCurrentEvent,
                                  vtkCommand::WindowSupportsOpenGLEvent, vtkCommand::WindowIsDirectEvent})
        window.AddObserver(eventId, vtk_->windowCallback);

    vtk_->interactor->SetRenderWindow(vtk_->window);
    vtk_->interactor->EnableRenderOff();  // renders happen in paintGL only
    vtk_->interactor->SetInteractorStyle(vtkSmartPointer<vtkInteractorStyleTrackballCamera>::New());
    vtk_->renderRequest->SetClientData(this);
    vtk_->renderRequest->SetCallback([](vtkObject*, unsigned long, void* clientData, void*) {
        static_cast<VtkOpenGLWidget*>(clientData)->update();
    });
    vtk_->interactor->AddObserver(vtkCommand::RenderEvent, vtk_->renderRequest);
}

VtkOpenGLWidget::~VtkOpenGLWidget() { releaseGraphics(); }

void VtkOpenGLWidget::releaseGraphics() {
    if (!vtk_->context) return;
    makeCurrent();
    vtk_->window->Finalize();
    doneCurrent();
    vtk_->context = nullptr;
    vtk_->surface = nullptr;
}

vtkRenderer* VtkOpenGLWidget::renderer() const { return vtk_->renderer; }
vtkRenderWindow* VtkOpenGLWidget::renderWindow() const { return vtk_->window; }

void VtkOpenGLWidget::initializeGL() {
    vtk_->context = context();
    vtk_->surface = context()->surface();
    connect(context(), &QOpenGLContext::aboutToBeDestroyed, this, &VtkOpenGLWidget::releaseGraphics,
            Qt::DirectConnection);
    initializeVtkFor(*vtk_->window);
    vtk_->window->SetReadyForRendering(true);
    const qreal ratio = devicePixelRatioF();
    vtk_->interactor->UpdateSize(static_cast<int>(std::lround(width() * ratio)),
                                 static_cast<int>(std::lround(height() * ratio)));
    vtk_->interactor->Initialize();
    vtk_->interactor->Enable();
}

void VtkOpenGLWidget::resizeGL(int width, int height) {
    const qreal ratio = devicePixelRatioF();
    vtk_->interactor->UpdateSize(static_cast<int>(std::lround(width * ratio)),
                                 static_cast<int>(std::lround(height * ratio)));
}

void VtkOpenGLWidget::paintGL() { renderVtkFrameInto(*vtk_->window, defaultFramebufferObject()); }

void VtkOpenGLWidget::forwardMouse(QMouseEvent* event, unsigned long vtkEvent) {
    const qreal ratio = devicePixelRatioF();
    auto& interactor = *vtk_->interactor;
    interactor.SetEventInformationFlipY(static_cast<int>(std::lround(event->position().x() * ratio)),
                                        static_cast<int>(std::lround(event->position().y() * ratio)),
                                        (event->modifiers() & Qt::ControlModifier) ? 1 : 0,
                                        (event->modifiers() & Qt::ShiftModifier) ? 1 : 0);
    interactor.InvokeEvent(vtkEvent, nullptr);
}

void VtkOpenGLWidget::mousePressEvent(QMouseEvent* event) {
    switch (event->button()) {
    case Qt::LeftButton: forwardMouse(event, vtkCommand::LeftButtonPressEvent); break;
    case Qt::MiddleButton: forwardMouse(event, vtkCommand::MiddleButtonPressEvent); break;
    case Qt::RightButton: forwardMouse(event, vtkCommand::RightButtonPressEvent); break;
    default: break;
    }
}

void VtkOpenGLWidget::mouseReleaseEvent(QMouseEvent* event) {
    switch (event->button()) {
    case Qt::LeftButton: forwardMouse(event, vtkCommand::LeftButtonReleaseEvent); break;
    case Qt::MiddleButton: forwardMouse(event, vtkCommand::MiddleButtonReleaseEvent); break;
    case Qt::RightButton: forwardMouse(event, vtkCommand::RightButtonReleaseEvent); break;
    default: break;
    }
}

void VtkOpenGLWidget::mouseMoveEvent(QMouseEvent* event) { forwardMouse(event, vtkCommand::MouseMoveEvent); }

void VtkOpenGLWidget::wheelEvent(QWheelEvent* event) {
    const qreal ratio = devicePixelRatioF();
    auto& interactor = *vtk_->interactor;
    interactor.SetEventInformationFlipY(static_cast<int>(std::lround(event->position().x() * ratio)),
                                        static_cast<int>(std::lround(event->position().y() * ratio)),
                                        (event->modifiers() & Qt::ControlModifier) ? 1 : 0,
                                        (event->modifiers() & Qt::ShiftModifier) ? 1 : 0);
    const int delta = event->angleDelta().y();
    if (delta > 0) interactor.InvokeEvent(vtkCommand::MouseWheelForwardEvent, nullptr);
    if (delta < 0) interactor.InvokeEvent(vtkCommand::MouseWheelBackwardEvent, nullptr);
    event->accept();
}

}  // namespace drs::viewers

#include "viewers/VtkFrame.h"

#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkOpenGLFramebufferObject.h>
#include <vtkOpenGLState.h>
#include <vtk_glew.h>

namespace drs::viewers {

void initializeVtkFor(vtkGenericOpenGLRenderWindow& window) {
    window.SetOwnContext(false);
    window.OpenGLInitContext();
}

void renderVtkFrameInto(vtkGenericOpenGLRenderWindow& window, unsigned int targetFramebuffer) {
    vtkOpenGLState* state = window.GetState();
    // Qt touched GL state since VTK last looked: re-read it, and give it back unchanged.
    state->Reset();
    state->Push();
    state->vtkglDepthFunc(GL_LEQUAL);  // Qt leaves GL_LESS; VTK's shaders assume LEQUAL
    window.Render();
    state->Pop();

    const int* size = window.GetSize();
    vtkOpenGLFramebufferObject* display = window.GetDisplayFramebuffer();
    display->Bind(GL_READ_FRAMEBUFFER);
    display->ActivateReadBuffer(0);
    state->vtkglBindFramebuffer(GL_DRAW_FRAMEBUFFER, targetFramebuffer);
    state->vtkglDisable(GL_SCISSOR_TEST);
    state->vtkglBlitFramebuffer(0, 0, size[0], size[1], 0, 0, size[0], size[1], GL_COLOR_BUFFER_BIT, GL_NEAREST);
    state->vtkglBindFramebuffer(GL_FRAMEBUFFER, targetFramebuffer);
    state->vtkglColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_TRUE);
    state->vtkglClearColor(0, 0, 0, 1);
    state->vtkglClear(GL_COLOR_BUFFER_BIT);
    state->vtkglColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
}

}  // namespace drs::viewers

#pragma once

class vtkGenericOpenGLRenderWindow;

namespace drs::viewers {

// The OpenGL half of the Qt<->VTK bridge, kept in its own translation unit because VTK's GLEW
// header and Qt's OpenGL headers must not meet. With the window's context current: renders the
// scene, copies VTK's display framebuffer into targetFramebuffer (the QOpenGLWidget's) and sets
// its alpha to 1 so the background does not show through when Qt composites the widget.
void renderVtkFrameInto(vtkGenericOpenGLRenderWindow& window, unsigned int targetFramebuffer);

// Loads VTK's OpenGL entry points for the current context (once per context).
void initializeVtkFor(vtkGenericOpenGLRenderWindow& window);

}  // namespace drs::viewers

#pragma once
#include <QString>

namespace drs::viewers {

// Sets Qt's default OpenGL surface format to what VTK 9.1 renders with (3.2 core, double
// buffered RGBA8 with depth, no multisampling). Call before constructing QApplication.
void useVtkSurfaceFormat();

// Why the 3D view cannot run here (no OpenGL on this platform, e.g. QT_QPA_PLATFORM=offscreen,
// or a context older than 3.2), in words; empty when it can. Call after QApplication exists.
// A window must not hold a QOpenGLWidget without OpenGL: Qt crashes when it composes it.
QString openGlUnavailableReason();

}  // namespace drs::viewers

#pragma once

namespace drs::viewers {

// Sets Qt's default OpenGL surface format to what VTK 9.1 renders with (3.2 core, double
// buffered RGBA8 with depth, no multisampling). Call before constructing QApplication.
void useVtkSurfaceFormat();

}  // namespace drs::viewers

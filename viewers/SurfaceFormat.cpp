#include "viewers/SurfaceFormat.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QSurfaceFormat>

namespace drs::viewers {

void useVtkSurfaceFormat() {
    QSurfaceFormat format;
    format.setRenderableType(QSurfaceFormat::OpenGL);
    format.setVersion(3, 2);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setSwapBehavior(QSurfaceFormat::DoubleBuffer);
    format.setRedBufferSize(8);
    format.setGreenBufferSize(8);
    format.setBlueBufferSize(8);
    format.setAlphaBufferSize(8);
    format.setDepthBufferSize(24);
    format.setStencilBufferSize(0);
    format.setSamples(0);
    QSurfaceFormat::setDefaultFormat(format);
}

QString openGlUnavailableReason() {
    QOpenGLContext context;
    context.setFormat(QSurfaceFormat::defaultFormat());
    if (!context.create())
        return QCoreApplication::translate("drs::viewers", "no OpenGL on the '%1' display platform")
            .arg(QGuiApplication::platformName());
    const auto [major, minor] = context.format().version();
    if (major < 3 || (major == 3 && minor < 2))
        return QCoreApplication::translate("drs::viewers", "OpenGL %1.%2 found, 3.2 needed").arg(major).arg(minor);
    QOffscreenSurface surface;
    surface.setFormat(context.format());
    surface.create();
    if (!context.makeCurrent(&surface))
        return QCoreApplication::translate("drs::viewers", "the OpenGL context cannot be used");
    context.doneCurrent();
    return {};
}

}  // namespace drs::viewers

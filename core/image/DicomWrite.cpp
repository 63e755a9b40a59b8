#include "core/image/DicomWrite.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcostrmf.h>
#include <dcmtk/dcmdata/dcwcache.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace drs {

std::string saveDicomFile(DcmFileFormat& file, const std::string& path) {
    FILE* out = std::fopen(path.c_str(), "wb");
    if (!out) return std::strerror(errno);
    // The stream owns `out` and closes it when it goes; until then it is ours to flush.
    DcmOutputFileStream stream(out);
    DcmWriteCache cache;
    file.transferInit();
    // saveFile's own defaults for everything but the transfer syntax.
    const OFCondition written = file.write(stream, EXS_LittleEndianExplicit, EET_UndefinedLength, &cache, EGL_recalcGL,
                                           EPD_noChange, 0, 0, 0, EWM_fileformat);
    file.transferEnd();
    if (written.bad()) return written.text();
    stream.flush();
    if (stream.status().bad()) return stream.status().text();
    if (std::fflush(out) != 0 || std::ferror(out)) return std::strerror(errno);
    return {};
}

}  // namespace drs

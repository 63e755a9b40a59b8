#pragma once
// Saving a DICOM file so that a short write is seen. DCMTK's saveFile writes through a buffered
// FILE and closes it without checking, so a file cut at a file-size limit or by a full disk after
// the last buffer was filled is reported as written. Here the buffer is flushed and checked first.
#include <string>

class DcmFileFormat;

namespace drs {

// Writes `file` (little-endian explicit transfer syntax) to path and returns "" or why it failed.
// Meant as the writer of writeAtomically (core/util/AtomicFile.h).
std::string saveDicomFile(DcmFileFormat& file, const std::string& path);

}  // namespace drs

#include "core/util/SourceRevision.h"

#include "drs_source_revision.h"

namespace drs {

const char* sourceRevision() { return DRS_SOURCE_REVISION; }

}  // namespace drs

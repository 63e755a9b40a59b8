#include "core/util/Progress.h"

#include "core/util/Error.h"

namespace drs {

void Progress::throwIfCancelled() const {
    if (isCancelled()) throw Cancelled();
}

}  // namespace drs

#pragma once

namespace drs {

// The git commit this build was compiled from ("git 3ab6388f0c2e", "... with uncommitted
// changes"), or why it is unknown. DRS_VERSION names the release; this names the code.
const char* sourceRevision();

}  // namespace drs

#pragma once
// Cluster batch: a case list split between the tasks of an array job (Slurm's --array), each task
// writing its cases' results as files, merged afterwards. The assignment is a pure function of the
// list, so every task computes its own share without talking to the others.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace drs {

// Task `index` of `count` (1-based, as in --shard 3/8).
struct Shard {
    int index = 1;
    int count = 1;
};

// Parses "I/N" with 1 <= I <= N; throws Error naming the text otherwise.
Shard parseShard(const std::string& text);

// The positions in a list of caseCount cases that task `shard` computes. Cases are dealt out in
// units of unitSize consecutive cases, round robin (unit u goes to task u mod N + 1): the tasks get
// equal shares to within one unit, and a unit is kept whole when the computation's numbers depend
// on which cases share a batch (deep inference runs 16 patches at a time).
std::vector<std::size_t> shareOf(const Shard& shard, std::size_t caseCount, std::size_t unitSize = 1);

// One case's result, as a task stores it.
struct ShardCaseResult {
    std::size_t index = 0;  // position in the case list
    std::string id;
    std::string inputs;  // what the result was computed from beyond the job (e.g. an ROI version)
    std::vector<std::string> names;
    std::vector<double> values;                      // bit-exact through the file; NaN allowed
    std::vector<std::string> textNames, textValues;  // columns of text, before the numbers (diagnostics)
    std::string error;                               // why the case failed; names and values are then empty
    std::string provenanceJson;                      // a compact JSON object, carried through unchanged
};

// The folder of one job's results: case-NNNNNN.json per case, each written whole (a temporary file
// renamed over the name), stamped with the job fingerprint (what was computed: case list, settings,
// software version). So a killed task leaves whole files or none, a task run again or two tasks
// running the same share at once write identical files, and a folder is never shared by two jobs.
class ShardFolder {
public:
    // Creates the folder when absent, stamped with the job (job.json, with `description`, a JSON
    // object for the merge); throws Error when the folder is stamped by another job.
    ShardFolder(std::string folder, std::string jobFingerprint, std::size_t caseCount,
                const std::string& descriptionJson = "{}");

    // True when the case has a stored successful result of this job from the same inputs (a
    // result from older inputs, e.g. an ROI edited since, is computed again).
    bool isDone(std::size_t index, const std::string& id, const std::string& inputs = "") const;
    void store(const ShardCaseResult& result) const;

    const std::string& folder() const { return folder_; }

private:
    std::string folder_;
    std::string fingerprint_;
    std::size_t caseCount_;
};

// Every case of the job whose results fill `folder`, in list order. Throws Error when the folder
// holds no results, mixes jobs, or misses cases (it names them, so the user knows which task to
// run again). Failed cases are returned with their error.
struct MergedShards {
    std::string jobFingerprint;
    std::string descriptionJson;  // as the tasks stamped it
    std::vector<ShardCaseResult> cases;
};
MergedShards readShardFolder(const std::string& folder);

}  // namespace drs

#pragma once
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/util/Progress.h"

namespace drs::cli {

// Parsed command line of one subcommand: "--name value" options, "--flag" switches, positionals.
class Args {
public:
    Args(std::vector<std::string> tokens, std::set<std::string> switches);

    bool has(const std::string& name) const;
    std::string value(const std::string& name) const;  // throws Error when missing
    std::string valueOr(const std::string& name, const std::string& fallback) const;
    double number(const std::string& name, double fallback) const;
    long integer(const std::string& name, long fallback) const;
    std::vector<std::string> list(const std::string& name) const;  // comma-separated
    // Every value of an option given more than once, in order (value() keeps the last).
    const std::vector<std::string>& all(const std::string& name) const;
    const std::vector<std::string>& positional() const { return positional_; }
    // Throws Error naming the first option that is not in `known` (catches typos like --lable).
    void allowOnly(const std::set<std::string>& known) const;

private:
    std::map<std::string, std::vector<std::string>> options_;
    std::vector<std::string> positional_;
};

struct Command {
    std::string name;
    std::string summary;
    std::string usage;
    std::set<std::string> switches;  // options that take no value
    std::function<int(const Args&)> run;
};

// Called by a static Registrar in each cmd_*.cpp.
void registerCommand(Command command);
const std::map<std::string, Command>& commands();

struct Registrar {
    explicit Registrar(Command command) { registerCommand(std::move(command)); }
};

// Progress on stderr as one rewritten line "[ 42%] message"; silent when quiet.
class ConsoleProgress : public Progress {
public:
    explicit ConsoleProgress(bool quiet) : quiet_(quiet) {}
    ~ConsoleProgress() override;

protected:
    void report(double fraction, const std::string& message) override;

private:
    bool quiet_;
    bool printed_ = false;
};

// Writes text to --out FILE when given, else to stdout.
void writeOutput(const Args& args, const std::string& text);

// --project, which must name an existing project database: only drs import, drs demo and drs pacs
// import create one, so a mistyped path is an error instead of a new, empty project. A
// postgresql:// location is returned as it is: the server refuses a database it does not have.
std::string existingProject(const Args& args);

}  // namespace drs::cli

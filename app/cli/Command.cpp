#include "app/cli/Command.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "core/project/SqlDialect.h"
#include "core/util/AtomicFile.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"

namespace drs::cli {

Args::Args(std::vector<std::string> tokens, std::set<std::string> switches) {
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const std::string& token = tokens[i];
        if (token.size() > 2 && token.compare(0, 2, "--") == 0) {
            std::string name = token.substr(2);
            if (auto eq = name.find('='); eq != std::string::npos) {
                options_[name.substr(0, eq)].push_back(name.substr(eq + 1));
            } else if (switches.count(name)) {
                options_[name].push_back("1");
            } else {
                if (i + 1 >= tokens.size()) throw Error("option --" + name + " needs a value");
                options_[name].push_back(tokens[++i]);
            }
        } else {
            positional_.push_back(token);
        }
    }
}

bool Args::has(const std::string& name) const { return options_.count(name) > 0; }

std::string Args::value(const std::string& name) const {
    auto found = options_.find(name);
    if (found == options_.end()) throw Error("missing required option --" + name);
    return found->second.back();
}

const std::vector<std::string>& Args::all(const std::string& name) const {
    static const std::vector<std::string> none;
    auto found = options_.find(name);
    return found == options_.end() ? none : found->second;
}

std::string Args::valueOr(const std::string& name, const std::string& fallback) const {
    return has(name) ? value(name) : fallback;
}

double Args::number(const std::string& name, double fallback) const {
    if (!has(name)) return fallback;
    const double parsed = parseDouble(value(name), "--" + name);
    if (std::isnan(parsed)) throw Error("--" + name + " needs a number");
    return parsed;
}

long Args::integer(const std::string& name, long fallback) const {
    if (!has(name)) return fallback;
    const std::string text = value(name);
    const std::optional<long> parsed = parseWholeNumber(text);
    if (!parsed) throw Error("--" + name + ": '" + text + "' is not a whole number");
    return *parsed;
}

std::vector<std::string> Args::list(const std::string& name) const {
    std::vector<std::string> items;
    if (!has(name)) return items;
    std::string current;
    for (char c : value(name)) {
        if (c == ',') {
            if (!current.empty()) items.push_back(current);
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.empty()) items.push_back(current);
    return items;
}

namespace {

// Edits (insertions, deletions, substitutions) between two option names.
std::size_t editDistance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

}  // namespace

void Args::allowOnly(const std::set<std::string>& known) const {
    for (const auto& [name, values] : options_) {
        if (known.count(name)) continue;
        // A typo or another tool's spelling (pyradiomics' --param): the closest option, if close.
        std::string closest;
        std::size_t best = 3;
        for (const std::string& option : known)
            if (const std::size_t d = editDistance(name, option); d < best) {
                best = d;
                closest = option;
            }
        throw Error("unknown option --" + name + (closest.empty() ? "" : " (did you mean --" + closest + "?)"));
    }
}

namespace {
std::map<std::string, Command>& table() {
    static std::map<std::string, Command> instance;
    return instance;
}
}  // namespace

void registerCommand(Command command) { table()[command.name] = std::move(command); }

const std::map<std::string, Command>& commands() { return table(); }

ConsoleProgress::~ConsoleProgress() {
    if (printed_) std::cerr << "\n";
}

void ConsoleProgress::report(double fraction, const std::string& message) {
    if (quiet_) return;
    const int percent = static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * 100));
    std::string line = "[" +
                       std::string(percent < 10    ? "  "
                                   : percent < 100 ? " "
                                                   : "") +
                       std::to_string(percent) + "%] " + message;
    if (line.size() < 78) line.append(78 - line.size(), ' ');
    std::cerr << "\r" << line << std::flush;
    printed_ = true;
}

void writeOutput(const Args& args, const std::string& text) {
    if (!args.has("out")) {
        std::cout << text;
        return;
    }
    writeTextAtomically(args.value("out"), text);
}

std::string existingProject(const Args& args) {
    const std::string path = args.value("project");
    if (project::isPostgresLocation(path)) return path;  // opening it says whether the server has it
    if (!std::filesystem::is_regular_file(std::filesystem::u8path(path)))
        throw Error(path + ": no such project database file (drs import or drs demo creates one)");
    return path;
}

}  // namespace drs::cli

#pragma once
#include <stdexcept>
#include <string>

namespace drs {

// Every failure the user can cause (a bad file, a bad argument) is reported as an Error whose
// message names the file or value and the problem, in one line.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Thrown from inside long work when the user cancels it through Progress.
class Cancelled : public std::runtime_error {
public:
    Cancelled() : std::runtime_error("cancelled by the user") {}
};

}  // namespace drs

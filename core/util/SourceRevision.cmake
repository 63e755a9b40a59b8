# Run at every build by core/CMakeLists.txt: writes OUTPUT with the git commit of SOURCE_DIR, so
# each run and prediction records the code that computed it. The file is rewritten only when the
# revision changes, so an unchanged tree recompiles nothing.
cmake_minimum_required(VERSION 3.25)
execute_process(COMMAND git -C "${SOURCE_DIR}" rev-parse --short=12 HEAD
                OUTPUT_VARIABLE commit RESULT_VARIABLE failed OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(failed OR commit STREQUAL "")
  set(revision "unknown: git could not name the commit of the source")
else()
  # docs/ holds text and screenshots that tests rewrite; changes there change no number.
  execute_process(COMMAND git -C "${SOURCE_DIR}" status --porcelain --untracked-files=no -- . ":(exclude)docs"
                  OUTPUT_VARIABLE changes OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  set(revision "git ${commit}")
  if(NOT changes STREQUAL "")
    string(APPEND revision " with uncommitted changes")
  endif()
endif()
file(CONFIGURE OUTPUT "${OUTPUT}" CONTENT "#define DRS_SOURCE_REVISION \"@revision@\"\n" @ONLY)

# Runs the built `hubvault` to write its man page and shell completions (cmake -P script;
# see CMakeLists.txt). Variables: HUBVAULT, MAN_PAGE, MAN_PAGE_HV, BASH_COMPLETION, ZSH_COMPLETION.
function(hubvault_generate output)
  get_filename_component(dir "${output}" DIRECTORY)
  file(MAKE_DIRECTORY "${dir}")
  execute_process(COMMAND "${HUBVAULT}" ${ARGN}
                  OUTPUT_FILE "${output}.tmp" RESULT_VARIABLE result ERROR_VARIABLE errors)
  if(NOT result EQUAL 0)
    file(REMOVE "${output}.tmp")
    message(FATAL_ERROR "'hubvault ${ARGN}' failed (${result}): ${errors}")
  endif()
  file(RENAME "${output}.tmp" "${output}")
endfunction()

hubvault_generate("${MAN_PAGE}" --man)
hubvault_generate("${BASH_COMPLETION}" --completion bash)
hubvault_generate("${ZSH_COMPLETION}" --completion zsh)
# `man hv` shows the same page.
file(WRITE "${MAN_PAGE_HV}" ".so man1/hubvault.1\n")

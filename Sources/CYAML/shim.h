#ifndef LLM_PERSONA_CYAML_SHIM_H
#define LLM_PERSONA_CYAML_SHIM_H
#include <yaml.h>
#endif

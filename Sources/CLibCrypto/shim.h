#ifndef LLM_PERSONA_CLIBCRYPTO_SHIM_H
#define LLM_PERSONA_CLIBCRYPTO_SHIM_H
#include <openssl/evp.h>
#endif

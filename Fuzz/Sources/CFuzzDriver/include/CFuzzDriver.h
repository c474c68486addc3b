#include <stddef.h>
#include <stdint.h>

// libFuzzer's entry for a program that has its own main (SwiftPM names each executable's
// entry point itself, so the fuzz targets start libFuzzer from there).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

/* A stand-in bcryptprimitives.dll for running prongsai.exe under Wine 8 in CI
   (scripts/wine-test.sh). Rust's standard library takes its random numbers (HashMap
   seeds) from ProcessPrng in bcryptprimitives.dll, which Windows 10 and later have and
   Wine 8 does not, so the program would not start. This forwards to SystemFunction036
   (RtlGenRandom) in advapi32, which Wine has. Never shipped: only the test uses it. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}

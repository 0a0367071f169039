/* bcryptprimitives.dll for the Windows lane's wine prefix: wine 8.0 lacks the DLL, and Rust >= 1.78
   (python-calamine) imports ProcessPrng from it. Windows fills the buffer from its kernel RNG;
   RtlGenRandom (advapi32's SystemFunction036) does the same under wine. Never reaches the bundle. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
    while (size > 0) {
        ULONG chunk = size > 0x10000000 ? 0x10000000 : (ULONG)size;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        size -= chunk;
    }
    return TRUE;
}

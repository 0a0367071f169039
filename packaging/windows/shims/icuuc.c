/* icuuc.dll for the Windows lane's wine prefix: Windows 10 1703+ ships ICU as a system DLL and
   Qt >= 6.10's Qt6Core.dll imports these 20 converter functions from it; wine 8.0 has none.
   Every converter fails to open (U_FILE_ACCESS_ERROR), so Qt offers only its built-in UTF and
   system codecs; the program converts text with Python, never with Qt. Never reaches the bundle. */
typedef int UErrorCode;
typedef unsigned short UChar;
typedef signed char UBool;
#define U_FILE_ACCESS_ERROR 4

static void fail(UErrorCode *err) { if (err && *err <= 0) *err = U_FILE_ACCESS_ERROR; }

void *ucnv_open(const char *name, UErrorCode *err) { (void)name; fail(err); return 0; }
void ucnv_close(void *cnv) { (void)cnv; }
void ucnv_reset(void *cnv) { (void)cnv; }
signed char ucnv_getMaxCharSize(const void *cnv) { (void)cnv; return 1; }
const char *ucnv_getName(const void *cnv, UErrorCode *err) { (void)cnv; fail(err); return 0; }
int ucnv_countAvailable(void) { return 0; }
const char *ucnv_getAvailableName(int n) { (void)n; return 0; }
const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err)
{ (void)name; (void)standard; fail(err); return 0; }
int ucnv_toUCountPending(const void *cnv, UErrorCode *err) { (void)cnv; fail(err); return 0; }
int ucnv_fromUCountPending(const void *cnv, UErrorCode *err) { (void)cnv; fail(err); return 0; }

void ucnv_getToUCallBack(const void *cnv, void **action, const void **context)
{ (void)cnv; *action = 0; *context = 0; }
void ucnv_getFromUCallBack(const void *cnv, void **action, const void **context)
{ (void)cnv; *action = 0; *context = 0; }
void ucnv_setToUCallBack(void *cnv, void *action, const void *context, void **old_action,
                         const void **old_context, UErrorCode *err)
{ (void)cnv; (void)action; (void)context; (void)old_action; (void)old_context; fail(err); }
void ucnv_setFromUCallBack(void *cnv, void *action, const void *context, void **old_action,
                           const void **old_context, UErrorCode *err)
{ (void)cnv; (void)action; (void)context; (void)old_action; (void)old_context; fail(err); }

void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *context, void *args, const UChar *units, int length,
                                     int code_point, int reason, UErrorCode *err)
{ (void)context; (void)args; (void)units; (void)length; (void)code_point; (void)reason; fail(err); }
void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *context, void *args, const char *units, int length,
                                   int reason, UErrorCode *err)
{ (void)context; (void)args; (void)units; (void)length; (void)reason; fail(err); }
void ucnv_cbToUWriteUChars(void *args, const UChar *source, int length, int offset, UErrorCode *err)
{ (void)args; (void)source; (void)length; (void)offset; fail(err); }
void ucnv_cbFromUWriteUChars(void *args, const UChar **source, const UChar *limit, int offset,
                             UErrorCode *err)
{ (void)args; (void)source; (void)limit; (void)offset; fail(err); }
void ucnv_toUnicode(void *cnv, UChar **target, const UChar *target_limit, const char **source,
                    const char *source_limit, int *offsets, UBool flush, UErrorCode *err)
{
    (void)cnv; (void)target; (void)target_limit; (void)source; (void)source_limit; (void)offsets;
    (void)flush; fail(err);
}
void ucnv_fromUnicode(void *cnv, char **target, const char *target_limit, const UChar **source,
                      const UChar *source_limit, int *offsets, UBool flush, UErrorCode *err)
{
    (void)cnv; (void)target; (void)target_limit; (void)source; (void)source_limit; (void)offsets;
    (void)flush; fail(err);
}

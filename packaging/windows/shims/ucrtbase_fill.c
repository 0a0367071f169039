/* The five complex-number accessors wine 8.0's ucrtbase.dll leaves as aborting stubs (numpy 2
   calls crealf on import). Linked into a native ucrtbase.dll for the Windows lane's wine prefix
   whose other exports all forward to wine's own ucrtbase (ucrtwine.dll); prefix.sh writes the
   .def file from wine's export list. Microsoft's x64 calling convention: an 8-byte struct is
   passed in a register, a 16-byte one by reference; long double is double. */
typedef struct { float part[2]; } float_complex;
typedef struct { double part[2]; } double_complex;

float crealf(float_complex z) { return z.part[0]; }
float cimagf(float_complex z) { return z.part[1]; }
double cimag(double_complex z) { return z.part[1]; }
double creall(double_complex z) { return z.part[0]; }
double cimagl(double_complex z) { return z.part[1]; }

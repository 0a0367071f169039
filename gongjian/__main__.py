"""`python -m gongjian` runs the same command line as `gongjian`.

In a PyInstaller bundle the program is also its own sandboxed child (`app.infra.sandbox`): that
flag is handled before the command line (and everything it imports) is loaded.
"""

import sys

if len(sys.argv) > 1 and sys.argv[1] == "--sandboxed-child":
    from app.infra.sandbox import run_child

    sys.exit(run_child(sys.argv[2:]))

from gongjian.cli import main

sys.exit(main())

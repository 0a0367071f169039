"""`python -m gongjian` runs the same command line as `gongjian`."""

import sys

from gongjian.cli import main

sys.exit(main())

"""`python -m pekalongan ...`"""

import sys

from pekalongan.cli import main

sys.exit(main())

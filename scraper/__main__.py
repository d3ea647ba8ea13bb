"""``python -m scraper``: the same entry point as the ``scraper`` console script.

The only import from ``scraper`` into ``pipelines``; it exists so the module form works.
"""

import sys

from pipelines.cli import main

sys.exit(main())

import sys

from pnet.cli import main

sys.exit(main())

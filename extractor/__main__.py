from extractor.cli import main
import sys

sys.exit(main())

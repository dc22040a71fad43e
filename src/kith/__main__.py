"""`python -m kith` runs the command line."""

from kith.cli.main import main

if __name__ == "__main__":
    main()

"""``python -m ahenk``: the ``ahenk`` command, for environments whose scripts are not on PATH."""

from ahenk.cli import main

if __name__ == "__main__":
    main(prog_name="ahenk")

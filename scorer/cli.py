"""The `scorer` command: a thin layer over the library.

Each sub-command lives in its own module (`scorer.cli_<name>`) with an
`add_parser(subparsers)` function; errors are turned into messages once, here.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from .errors import InputError, ScorerError

__all__ = ["COMMANDS", "EXIT_INPUT", "EXIT_OK", "main"]

EXIT_OK = 0
#: A failure that is not the user's input (model or lexicon problem).
EXIT_ERROR = 1
#: Bad input or usage (argparse uses 2 as well).
EXIT_INPUT = 2
#: Sub-command modules, in the order `scorer --help` lists them.
COMMANDS: tuple[str, ...] = ("scorer.cli_score", "scorer.cli_batch", "scorer.cli_train", "scorer.cli_serve")

EPILOG = """examples:
  scorer score "Venezuela crisis: US sends CHILLING warning amid RIOTS in streets – 'We WILL take action!'"
  echo "Venezuela RIOTS: Tear gas and vehicles set on FIRE" | scorer score --json -

exit codes: 0 ok, 1 model or lexicon problem, 2 bad input or usage
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command registered."""
    parser = argparse.ArgumentParser(
        prog="scorer",
        description="Score news headlines for sensational and loaded writing, with the words that show it.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from . import __version__, build_name

    parser.add_argument("--version", action="version", version=f"scorer {__version__} ({build_name()})")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(name).add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)  # as given, for advice that repeats the command
    try:
        return int(args.run(args))
    except InputError as exc:
        print(f"scorer: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except ScorerError as exc:
        print(f"scorer: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("scorer: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of standard output stopped early (`| head`): stop quietly, as other tools do.
        _discard_stdout()
        return EXIT_OK


def _discard_stdout() -> None:
    """Point standard output at the null device: what is still buffered would fail again at exit, noisily."""
    try:
        fd = sys.stdout.fileno()
    except (OSError, ValueError):
        return  # not a real file (a test's capture): nothing is flushed to a closed pipe at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


if __name__ == "__main__":
    sys.exit(main())

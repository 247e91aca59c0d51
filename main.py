"""Start the program: the window without a command, the command-line interface with one."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the arguments, resolve the archive, then run the CLI or open the window.

    Args:
        argv: the arguments (default: ``sys.argv[1:]``).

    Returns:
        The exit status.
    """
    from reader.arguments import build_parser
    from reader.errors import ReaderError
    from reader.paths import resolve_archive

    args = build_parser().parse_args(argv)
    if args.demo and not args.archive:
        from reader.demo import demo_archive_paths

        paths = demo_archive_paths()
    else:
        paths = resolve_archive(args.archive)
    if args.demo:
        from reader.archive import Archive
        from reader.demo import ensure_demo_imported

        try:
            with Archive(paths, write=True) as archive:
                ensure_demo_imported(archive)
        except ReaderError as error:
            sys.stderr.write(f"error: {error}\n")
            return 1
    if args.command is not None:
        from reader.cli import run_command

        try:
            return run_command(args, paths, sys.stdout, sys.stderr)
        except BrokenPipeError:  # output piped into head & co.
            sys.stderr.close()
            return 0
    from ui.app import run_window

    return run_window(paths)


if __name__ == "__main__":
    raise SystemExit(main())

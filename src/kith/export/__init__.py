"""Writers from Kith's people to other formats: vCard (4.0 and 3.0) and CSV.

Each writer is a pure function from people to text chunks (`Iterator[str]`), so a
command can stream an export of any size to a file or a pipe.
"""

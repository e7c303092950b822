from reader.app.cli import program

raise SystemExit(program())

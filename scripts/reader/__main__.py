from reader.app.cli import main

raise SystemExit(main())

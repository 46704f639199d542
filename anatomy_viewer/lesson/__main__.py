"""``python -m anatomy_viewer.lesson [PATH]``: regenerate ``lessons/lesson.schema.json``."""

from anatomy_viewer.lesson.schema import main

raise SystemExit(main())

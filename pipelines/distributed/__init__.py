"""Scale-out: the same crawl, extraction and store as tasks of Celery workers on many
machines (Redis broker and coordination, PostgreSQL store). See docs/SCALING.md."""

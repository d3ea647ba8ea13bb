"""Development tools, not part of the installed package: the synthetic sites the tests,
demo and benchmarks crawl (sitegen, archive_sites), the demo (``make demo``) and the fault
soak (``make soak``). Run from the repository root (``python -m devtools.demo``)."""

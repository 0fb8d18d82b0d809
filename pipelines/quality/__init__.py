"""Quality gates: Great Expectations suites over the warehouse, run as Dagster asset checks.

``suites`` defines what each suite checks and which warehouse frame it reads; ``gx_context``
opens the committed File Data Context under ``expectations/`` with runtime folders;
``runner`` validates a frame and writes every expectation result to ``check_results``.
"""

"""Development tools — benchmarks, evaluation against gold sets, training scripts.

They sit outside the application's layers: nothing in ``reader`` imports them, and they may import
anything of ``reader``. Run them with ``python -m reader.devtools.<tool>``.
"""

"""The Qt window: the only package that imports PySide6. It holds no domain logic."""

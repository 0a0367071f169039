"""PySide6 user interface: start-up, main window, pages, dialogs."""

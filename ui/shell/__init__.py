"""The window's frame: start-up, main window, navigation, menus, bus, crash dialog, style."""

"""The `gongjian` entry point: the window, or a command; sits above app/ and ui/."""

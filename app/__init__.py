"""攻坚台账 domain services and pure logic (no Qt anywhere under app/)."""

__version__ = "0.1.0"
APP_NAME = "攻坚台账"
PUBLISHER = "攻坚台账"
"""Shown as publisher in the installer, the uninstall entry and the programs' file properties."""

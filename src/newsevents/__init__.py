"""newsevents: political event data (CAMEO, PLOVER) from raw news pages."""
__version__ = "0.1.0"

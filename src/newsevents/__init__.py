"""newsevents: political event data (CAMEO, PLOVER) from raw news pages."""
__version__ = "0.1.0"

__all__ = ["code", "open", "EventStore", "__version__"]


def __getattr__(name: str):
    """`newsevents.code(text)`, `newsevents.open(db)`: the API of newsevents.api, imported on first use
    (so `import newsevents` stays light; `open` is the package's, the builtin is untouched elsewhere)."""
    if name in ("code", "open", "EventStore"):
        from newsevents import api

        return getattr(api, name)
    raise AttributeError(f"module 'newsevents' has no attribute {name!r}")

"""The sync resource namespaces, generated from ``bctrl/_async`` by ``scripts/gen_sync.py``."""

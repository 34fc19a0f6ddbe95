"""The async resource namespaces: the one source the sync ones are generated from."""

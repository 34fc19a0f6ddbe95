"""Benchmarks (``make bench``) and the fault soak (``make soak``) of the bctrl SDK.

Every run is bounded in count and time, listens on 127.0.0.1 only and stops by itself.
"""

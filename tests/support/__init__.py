"""Test support: throwaway databases and servers."""

"""Integrasi SIASN (BKN): kontrak endpoint dan klien (003 Pasal 36 ayat 4)."""
